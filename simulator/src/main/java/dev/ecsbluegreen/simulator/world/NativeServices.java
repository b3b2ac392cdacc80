package dev.ecsbluegreen.simulator.world;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ECS-controller services and their service deployments: the rules CreateService and UpdateService
 * apply (load balancer advancedConfiguration, deployment configuration), lookup of revisions and
 * deployments by ARN, and the control calls (stop, continue). {@link ServiceDeploymentEngine} moves
 * the deployments.
 */
public final class NativeServices {

  private static final Set<String> STOP_TYPES = Set.of("ROLLBACK", "ABORT");

  private final Arns arns;
  private final Ids ids;
  private final EcsState ecs;
  private final NativeLoadBalancerRules loadBalancerRules;
  private final TrafficRouter router;
  private final ServiceDeploymentEngine engine;
  private final Map<String, ServiceDeployment> deployments = new LinkedHashMap<>();
  private final Map<String, ServiceRevision> revisions = new LinkedHashMap<>();
  private long ordinals;

  NativeServices(
      Arns arns,
      Ids ids,
      EcsState ecs,
      LoadBalancers loadBalancers,
      TrafficRouter router,
      ServiceDeploymentEngine engine) {
    this.arns = arns;
    this.ids = ids;
    this.ecs = ecs;
    this.loadBalancerRules = new NativeLoadBalancerRules(loadBalancers);
    this.router = router;
    this.engine = engine;
  }

  ServiceDeploymentEngine engine() {
    return engine;
  }

  /** What CreateService asks of an ECS-controller service. */
  public record ServiceRequest(
      String cluster,
      String name,
      TaskDefinition taskDefinition,
      JsonNode loadBalancers,
      JsonNode deploymentConfiguration,
      int desiredCount) {}

  /**
   * Creates the service with its first revision running (tasks ready at {@code tasksReadyAt}) and
   * its first service deployment, which ends SUCCESSFUL at once; both listeners forward to it.
   */
  public EcsService createService(ServiceRequest request, Instant at, Instant tasksReadyAt) {
    NativeLoadBalancer lb = loadBalancerRules.check(request.loadBalancers());
    DeploymentSettings settings = DeploymentSettings.parse(request.deploymentConfiguration());
    var service =
        new EcsService(
            request.cluster(),
            request.name(),
            arns,
            "ECS",
            lb.targetGroupArn(),
            lb.containerName(),
            lb.containerPort(),
            request.desiredCount(),
            at);
    ecs.addService(service);
    service.setNativeLoadBalancer(lb);
    service.setDeploymentSettings(settings);
    ServiceRevision first =
        newRevision(service, request.taskDefinition(), lb.targetGroupName(), at);
    first.setTasks(
        ecs.createTaskSet(
            service,
            first.taskDefinition(),
            first.targetGroupName(),
            null,
            "PRIMARY",
            at,
            tasksReadyAt));
    service.setServingRevision(first);
    router.forwardAll(lb.productionListenerArn(), first.targetGroupName());
    if (lb.testListenerArn() != null) {
      router.forwardAll(lb.testListenerArn(), first.targetGroupName());
    }
    ServiceDeployment initial = newDeployment(service, null, first, settings, at);
    initial.setWeights(100, 100, at);
    initial.setStatus("IN_PROGRESS", null, at);
    initial.setStatus("SUCCESSFUL", "Service created.", at);
    return service;
  }

  /**
   * UpdateService on an ECS-controller service. Settings and load balancers given are kept for this
   * and later deployments; a new task definition, changed load balancers or {@code
   * forceNewDeployment} start a service deployment, stopping one still under way. A new {@code
   * desiredCount} applies to revisions created from then on.
   */
  public Optional<ServiceDeployment> updateService(
      EcsService service,
      TaskDefinition taskDefinition,
      JsonNode deploymentConfiguration,
      JsonNode loadBalancersJson,
      Integer desiredCount,
      boolean forceNewDeployment,
      Instant at) {
    DeploymentSettings settings =
        deploymentConfiguration == null
            ? service.deploymentSettings()
            : DeploymentSettings.parse(deploymentConfiguration);
    NativeLoadBalancer lb =
        loadBalancersJson == null
            ? service.nativeLoadBalancer()
            : loadBalancerRules.check(loadBalancersJson);
    ServiceRevision serving = service.servingRevision();
    // A retried UpdateService (after a lost answer) asks for what is already being deployed.
    ServiceRevision wanted = service.wantedRevision();
    TaskDefinition td = taskDefinition == null ? wanted.taskDefinition() : taskDefinition;
    boolean changed =
        !td.arn().equals(wanted.taskDefinition().arn())
            || !lb.equals(service.nativeLoadBalancer())
            || forceNewDeployment;
    if (changed && !settings.isTrafficShifting()) {
      throw AwsException.client(
          "UnsupportedFeatureException",
          "The simulator runs BLUE_GREEN, LINEAR and CANARY service deployments, not ROLLING: set"
              + " deploymentConfiguration.strategy");
    }
    if (desiredCount != null && desiredCount < 0) {
      throw invalid("desiredCount cannot be negative");
    }
    service.setDeploymentSettings(settings);
    service.setNativeLoadBalancer(lb);
    if (desiredCount != null) {
      service.setDesiredCount(desiredCount);
    }
    if (!changed) {
      return Optional.empty();
    }
    ServiceRevision target = newRevision(service, td, lb.otherGroup(serving.targetGroupName()), at);
    Optional<ServiceDeployment> running = service.activeServiceDeployment();
    ServiceDeployment deployment = newDeployment(service, serving, target, settings, at);
    running.ifPresent(old -> engine.supersede(old, deployment, at));
    engine.start(deployment, at);
    return Optional.of(deployment);
  }

  private ServiceRevision newRevision(
      EcsService service, TaskDefinition td, String targetGroupName, Instant at) {
    var revision =
        new ServiceRevision(
            arns.serviceRevision(
                service.cluster(), service.name(), service.revisions().size() + 1L),
            service,
            td,
            service.nativeLoadBalancer(),
            targetGroupName,
            service.desiredCount(),
            at);
    service.addRevision(revision);
    revisions.put(revision.arn(), revision);
    return revision;
  }

  private ServiceDeployment newDeployment(
      EcsService service,
      ServiceRevision source,
      ServiceRevision target,
      DeploymentSettings settings,
      Instant at) {
    String id = ids.upperAlnum(22);
    var deployment =
        new ServiceDeployment(
            arns.serviceDeployment(service.cluster(), service.name(), id),
            id,
            ids.taskSetId(),
            ordinals++,
            service,
            source,
            target,
            settings,
            at);
    service.addServiceDeployment(deployment);
    deployments.put(deployment.arn(), deployment);
    return deployment;
  }

  // ---- reading ----

  public Optional<ServiceDeployment> find(String arn) {
    return Optional.ofNullable(deployments.get(arn));
  }

  public ServiceDeployment deployment(String arn) {
    return find(arn)
        .orElseThrow(
            () ->
                AwsException.client(
                    "ServiceDeploymentNotFoundException",
                    "The service deployment " + arn + " does not exist."));
  }

  public Optional<ServiceRevision> revision(String arn) {
    return Optional.ofNullable(revisions.get(arn));
  }

  /** A service's deployments, newest first, with ListServiceDeployments' filters. */
  public List<ServiceDeployment> list(
      EcsService service, Set<String> statuses, Instant after, Instant before) {
    return service.serviceDeployments().stream()
        .filter(d -> statuses.isEmpty() || statuses.contains(d.status()))
        .filter(d -> after == null || !d.createdAt().isBefore(after))
        .filter(d -> before == null || !d.createdAt().isAfter(before))
        .sorted(Comparator.comparingLong(ServiceDeployment::ordinal).reversed())
        .toList();
  }

  List<ServiceDeployment> active() {
    return deployments.values().stream().filter(d -> !d.isFinished()).toList();
  }

  // ---- control ----

  public void stop(String arn, String stopType, Instant at) {
    ServiceDeployment d = deployment(arn);
    String type = stopType == null ? "ROLLBACK" : stopType;
    if (!STOP_TYPES.contains(type)) {
      throw invalid("stopType must be ROLLBACK, not " + type);
    }
    if (type.equals("ABORT")) {
      throw invalid(
          "stopType ABORT is not valid for a "
              + d.settings().strategy()
              + " deployment; use"
              + " ROLLBACK");
    }
    if (d.isFinished()) {
      throw AwsException.client(
          "ConflictException",
          "The service deployment " + arn + " is " + d.status() + " and cannot be stopped.");
    }
    engine.rollback(d, "Service deployment stopped by StopServiceDeployment (ROLLBACK).", at);
  }

  public void continueDeployment(String arn, String hookId, String action, Instant at) {
    ServiceDeployment d = deployment(arn);
    String act = action == null ? "CONTINUE" : action;
    if (!act.equals("CONTINUE") && !act.equals("ROLLBACK")) {
      throw invalid("action must be CONTINUE or ROLLBACK, not " + act);
    }
    if (hookId == null || hookId.isEmpty()) {
      throw invalid("hookId is required");
    }
    if (d.isFinished()) {
      throw AwsException.client(
          "ConflictException",
          "The service deployment "
              + arn
              + " is "
              + d.status()
              + "; there is nothing to continue.");
    }
    HookRun run =
        d.hook(hookId)
            .orElseThrow(
                () ->
                    invalid(
                        "hookId "
                            + hookId
                            + " is not a lifecycle hook of the stage in progress ("
                            + d.lifecycleStage()
                            + ")"));
    if (!run.status().equals("AWAITING_ACTION")) {
      throw AwsException.client(
          "ConflictException",
          "The lifecycle hook " + hookId + " is " + run.status() + ", not AWAITING_ACTION.");
    }
    engine.continueHook(d, run, act, at);
  }

  private static AwsException invalid(String message) {
    return AwsException.client("InvalidParameterException", message);
  }
}
