package dev.ecsbluegreen.operator.aws;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookAction;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceRevisionLoadBalancer;
import software.amazon.awssdk.services.ecs.model.ServiceRevisionSummary;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentStopType;

/**
 * {@link ServiceDeploymentGateway} on the AWS SDK's {@link EcsClient}. A service's current service
 * deployment that has ended is kept with its revisions' task definitions (ECS changes neither
 * again), so the passes that prepare a release read the service and not that deployment each time.
 */
public final class AwsServiceDeploymentGateway implements ServiceDeploymentGateway {

  /** DescribeServiceDeployments and DescribeServiceRevisions take at most 20 ARNs a call. */
  static final int DESCRIBE_BATCH = MAX_DESCRIBE_ARNS;

  /** Ended service deployments kept; one per service is what preparing passes ask for again. */
  static final int CACHED_ENDED = 2_000;

  private final EcsClient ecs;
  private final EcsClient updating;
  private final Map<String, ServiceDeploymentSnapshot> ended =
      Collections.synchronizedMap(new LruMap<>(CACHED_ENDED));

  /**
   * @param ecs for reads and for the calls ECS makes idempotent (stop, continue)
   * @param updating for UpdateService only, configured without SDK retries: a retry after a lost
   *     answer would start a second service deployment. The next pass finds the first one instead.
   */
  public AwsServiceDeploymentGateway(EcsClient ecs, EcsClient updating) {
    this.ecs = ecs;
    this.updating = updating;
  }

  @Override
  public NativeServiceState describeService(String cluster, String serviceName) {
    return describeServices(cluster, List.of(serviceName)).get(serviceName).require();
  }

  @Override
  public Map<String, NativeServiceLookup> describeServices(String cluster, List<String> services) {
    return ServiceDescriptions.describe(
        ecs,
        cluster,
        services,
        (name, found) -> new NativeServiceLookup(cluster, name, state(cluster, found), null),
        (name, reason) -> NativeServiceLookup.missing(cluster, name, reason));
  }

  private NativeServiceState state(String cluster, Service s) {
    String controller =
        s.deploymentController() == null ? "ECS" : s.deploymentController().typeAsString();
    var state =
        new ServiceState(
            cluster, s.serviceName(), s.serviceArn(), s.status(), controller, s.taskDefinition());
    var loadBalancer = s.loadBalancers().isEmpty() ? null : s.loadBalancers().get(0);
    String targetGroup = loadBalancer == null ? null : loadBalancer.targetGroupArn();
    var advanced = loadBalancer == null ? null : loadBalancer.advancedConfiguration();
    var rules =
        advanced == null
            ? null
            : new ListenerRules(advanced.productionListenerRule(), advanced.testListenerRule());
    ServiceDeploymentSnapshot current = null;
    if ("ECS".equals(controller)
        && !"INACTIVE".equals(s.status())
        && s.currentServiceDeployment() != null) {
      current = current(s.currentServiceDeployment());
    }
    return new NativeServiceState(state, targetGroup, rules, current);
  }

  /** The deployment with the task definitions of its revisions: read once it has ended. */
  private ServiceDeploymentSnapshot current(String arn) {
    var known = ended.get(arn);
    if (known != null) {
      return known;
    }
    var read = withTaskDefinitions(arn);
    if (read != null && read.ended()) {
      ended.put(arn, read);
    }
    return read;
  }

  /** The deployment with the task definitions of its revisions (two reads). */
  private ServiceDeploymentSnapshot withTaskDefinitions(String arn) {
    var described = describe(List.of(arn));
    if (described.isEmpty()) {
      return null;
    }
    ServiceDeployment deployment = described.get(0);
    String target =
        deployment.targetServiceRevision() == null
            ? null
            : deployment.targetServiceRevision().arn();
    String source =
        deployment.sourceServiceRevisions().isEmpty()
            ? null
            : deployment.sourceServiceRevisions().get(0).arn();
    var revisions = new ArrayList<String>();
    if (target != null) {
      revisions.add(target);
    }
    if (source != null) {
      revisions.add(source);
    }
    Map<String, String> taskDefinitions = new HashMap<>();
    if (!revisions.isEmpty()) {
      AwsErrors.call(
              "DescribeServiceRevisions",
              "service revisions " + revisions,
              () -> ecs.describeServiceRevisions(b -> b.serviceRevisionArns(revisions)))
          .serviceRevisions()
          .forEach(r -> taskDefinitions.put(r.serviceRevisionArn(), r.taskDefinition()));
    }
    return snapshot(deployment)
        .withTaskDefinitions(taskDefinitions.get(target), taskDefinitions.get(source));
  }

  @Override
  public String updateService(ServiceUpdate update) {
    var request = ServiceUpdateRequests.of(update);
    String resource = "ECS service " + request.cluster() + "/" + request.service();
    var response = AwsErrors.call("UpdateService", resource, () -> updating.updateService(request));
    return response.service().currentServiceDeployment();
  }

  @Override
  public List<ServiceDeploymentSnapshot> describeServiceDeployments(List<String> arns) {
    return describe(arns).stream().map(AwsServiceDeploymentGateway::snapshot).toList();
  }

  private List<ServiceDeployment> describe(List<String> arns) {
    var out = new ArrayList<ServiceDeployment>();
    for (int from = 0; from < arns.size(); from += DESCRIBE_BATCH) {
      var chunk = arns.subList(from, Math.min(arns.size(), from + DESCRIBE_BATCH));
      out.addAll(
          AwsErrors.call(
                  "DescribeServiceDeployments",
                  "service deployments " + chunk,
                  () -> ecs.describeServiceDeployments(b -> b.serviceDeploymentArns(chunk)))
              .serviceDeployments());
    }
    return out;
  }

  @Override
  public Optional<String> greenTargetGroupArn(String deploymentArn) {
    var described = describe(List.of(deploymentArn));
    if (described.isEmpty() || described.get(0).targetServiceRevision() == null) {
      return Optional.empty();
    }
    String target = described.get(0).targetServiceRevision().arn();
    return AwsErrors.call(
            "DescribeServiceRevisions",
            "service revision " + target,
            () -> ecs.describeServiceRevisions(b -> b.serviceRevisionArns(target)))
        .serviceRevisions()
        .stream()
        .filter(r -> r.resolvedConfiguration() != null)
        .flatMap(r -> r.resolvedConfiguration().loadBalancers().stream())
        .map(ServiceRevisionLoadBalancer::targetGroupArn)
        .filter(Objects::nonNull)
        .findFirst();
  }

  @Override
  public boolean stopWithRollback(String arn) {
    try {
      ecs.stopServiceDeployment(
          b -> b.serviceDeploymentArn(arn).stopType(StopServiceDeploymentStopType.ROLLBACK));
      return true;
    } catch (EcsException e) {
      if (isConflict(e)) {
        return false;
      }
      throw AwsErrors.classify(e, "StopServiceDeployment", "service deployment " + arn);
    } catch (RuntimeException e) {
      throw AwsErrors.classify(e, "StopServiceDeployment", "service deployment " + arn);
    }
  }

  @Override
  public boolean continueHook(String arn, String hookId) {
    return answerHook(arn, hookId, DeploymentLifecycleHookAction.CONTINUE);
  }

  @Override
  public boolean rollBackAtHook(String arn, String hookId) {
    return answerHook(arn, hookId, DeploymentLifecycleHookAction.ROLLBACK);
  }

  private boolean answerHook(String arn, String hookId, DeploymentLifecycleHookAction action) {
    try {
      ecs.continueServiceDeployment(b -> b.serviceDeploymentArn(arn).hookId(hookId).action(action));
      return true;
    } catch (EcsException e) {
      if (isConflict(e)) {
        return false;
      }
      throw AwsErrors.classify(e, "ContinueServiceDeployment", "service deployment " + arn);
    } catch (RuntimeException e) {
      throw AwsErrors.classify(e, "ContinueServiceDeployment", "service deployment " + arn);
    }
  }

  /** ECS's answer to stopping or continuing a deployment (or hook) that no longer runs. */
  private static boolean isConflict(EcsException e) {
    return "ConflictException".equals(AwsErrors.errorCode(e));
  }

  private static ServiceDeploymentSnapshot.Strategy strategy(DeploymentConfiguration config) {
    if (config == null || config.strategyAsString() == null) {
      return null;
    }
    var linear = config.linearConfiguration();
    var canary = config.canaryConfiguration();
    return switch (config.strategyAsString()) {
      case "LINEAR" ->
          new ServiceDeploymentSnapshot.Strategy(
              "LINEAR",
              config.bakeTimeInMinutes(),
              linear == null ? null : linear.stepPercent(),
              linear == null ? null : linear.stepBakeTimeInMinutes());
      case "CANARY" ->
          new ServiceDeploymentSnapshot.Strategy(
              "CANARY",
              config.bakeTimeInMinutes(),
              canary == null ? null : canary.canaryPercent(),
              canary == null ? null : canary.canaryBakeTimeInMinutes());
      default ->
          new ServiceDeploymentSnapshot.Strategy(
              config.strategyAsString(), config.bakeTimeInMinutes(), null, null);
    };
  }

  static ServiceDeploymentSnapshot snapshot(ServiceDeployment d) {
    ServiceRevisionSummary target = d.targetServiceRevision();
    double weight =
        target == null || target.requestedProductionTrafficWeight() == null
            ? 0
            : target.requestedProductionTrafficWeight();
    return new ServiceDeploymentSnapshot(
        d.serviceDeploymentArn(),
        d.statusAsString(),
        d.statusReason(),
        d.lifecycleStageAsString(),
        d.createdAt(),
        d.updatedAt(),
        d.finishedAt(),
        weight,
        d.lifecycleHookDetails().stream()
            .map(
                h ->
                    new ServiceDeploymentSnapshot.Hook(
                        h.hookId(), h.targetTypeAsString(), h.targetArn(), h.statusAsString()))
            .toList(),
        d.rollback() == null ? null : d.rollback().reason(),
        d.alarms() == null ? List.of() : d.alarms().triggeredAlarmNames(),
        strategy(d.deploymentConfiguration()),
        null,
        null);
  }
}
