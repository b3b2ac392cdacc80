package dev.ecsbluegreen.simulator.world;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The declaration of a simulated AWS account: what exists before the first API call. It is plain
 * data, read from a YAML file by {@link WorldLoader} or assembled with {@link #builder()}.
 */
public record World(
    String accountId,
    String region,
    List<String> clusters,
    List<TaskDefinitionSpec> taskDefinitions,
    List<LoadBalancerSpec> loadBalancers,
    List<ServiceSpec> services,
    List<AlarmSpec> alarms,
    List<FunctionSpec> functions,
    List<String> roles,
    List<ApplicationSpec> applications,
    List<FaultSpec> faults,
    Timings timings,
    Boolean dataPlane,
    Long seed) {

  public World {
    accountId = Objects.requireNonNullElse(accountId, "123456789012");
    region = Objects.requireNonNullElse(region, "us-east-1");
    clusters = listOrEmpty(clusters);
    taskDefinitions = listOrEmpty(taskDefinitions);
    loadBalancers = listOrEmpty(loadBalancers);
    services = listOrEmpty(services);
    alarms = listOrEmpty(alarms);
    functions = listOrEmpty(functions);
    roles = listOrEmpty(roles);
    applications = listOrEmpty(applications);
    faults = listOrEmpty(faults);
    timings = Objects.requireNonNullElse(timings, Timings.DEFAULT);
    dataPlane = Objects.requireNonNullElse(dataPlane, Boolean.TRUE);
    seed = Objects.requireNonNullElse(seed, 42L);
  }

  private static <T> List<T> listOrEmpty(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /** An empty world in account 123456789012, us-east-1. */
  public static World empty() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A task definition family registered before start; {@code revisions} registrations make
   * revisions 1..n exist, all with the same container.
   */
  public record TaskDefinitionSpec(
      String family,
      String containerName,
      Integer containerPort,
      String image,
      Map<String, String> environment,
      Integer revisions) {
    public TaskDefinitionSpec {
      Objects.requireNonNull(family, "taskDefinitions[].family is required");
      containerName = Objects.requireNonNullElse(containerName, "app");
      containerPort = Objects.requireNonNullElse(containerPort, 8080);
      image = Objects.requireNonNullElse(image, family + ":latest");
      environment = environment == null ? Map.of() : Map.copyOf(environment);
      revisions = Objects.requireNonNullElse(revisions, 1);
    }
  }

  /**
   * A load balancer with a production and a test listener on loopback ports (0 picks a free port)
   * and the target groups it can forward to.
   */
  public record LoadBalancerSpec(
      String name, Integer productionPort, Integer testPort, List<String> targetGroups) {
    public LoadBalancerSpec {
      Objects.requireNonNull(name, "loadBalancers[].name is required");
      productionPort = Objects.requireNonNullElse(productionPort, 0);
      testPort = Objects.requireNonNullElse(testPort, 0);
      targetGroups = listOrEmpty(targetGroups);
    }
  }

  /**
   * An ECS service serving {@code taskDefinition} (family or family:revision) behind {@code
   * targetGroup}. {@code deploymentController} CODE_DEPLOY (the default, so older world files keep
   * their meaning) gives it a PRIMARY task set for CodeDeploy to deploy; ECS gives it service
   * revisions and ECS's own blue/green deployments, with {@code alternateTargetGroup} as the second
   * group of the pair, the load balancer's production listener (and test listener unless {@code
   * testListener} is false) as the listener rules and {@code roleArn} as the infrastructure role.
   */
  public record ServiceSpec(
      String cluster,
      String name,
      String taskDefinition,
      String targetGroup,
      String containerName,
      Integer containerPort,
      Integer desiredCount,
      ControllerType deploymentController,
      String alternateTargetGroup,
      Boolean testListener,
      String roleArn) {
    @JsonCreator
    public ServiceSpec {
      cluster = Objects.requireNonNullElse(cluster, "default");
      Objects.requireNonNull(name, "services[].name is required");
      Objects.requireNonNull(taskDefinition, "services[].taskDefinition is required");
      Objects.requireNonNull(targetGroup, "services[].targetGroup is required");
      containerName = Objects.requireNonNullElse(containerName, "app");
      containerPort = Objects.requireNonNullElse(containerPort, 8080);
      desiredCount = Objects.requireNonNullElse(desiredCount, 2);
      deploymentController =
          Objects.requireNonNullElse(deploymentController, ControllerType.CODE_DEPLOY);
      testListener = Objects.requireNonNullElse(testListener, Boolean.TRUE);
      if (deploymentController == ControllerType.ECS && alternateTargetGroup == null) {
        throw new IllegalArgumentException(
            "services[" + name + "]: deploymentController ECS needs an alternateTargetGroup");
      }
    }

    /** A CODE_DEPLOY service, as world files declared services before ECS's own deployments. */
    public ServiceSpec(
        String cluster,
        String name,
        String taskDefinition,
        String targetGroup,
        String containerName,
        Integer containerPort,
        Integer desiredCount) {
      this(
          cluster,
          name,
          taskDefinition,
          targetGroup,
          containerName,
          containerPort,
          desiredCount,
          null,
          null,
          null,
          null);
    }

    /** An ECS-controller service with the target group pair and the default listeners and role. */
    public static ServiceSpec ecsNative(
        String cluster,
        String name,
        String taskDefinition,
        String targetGroup,
        String alternateTargetGroup,
        int desiredCount) {
      return new ServiceSpec(
          cluster,
          name,
          taskDefinition,
          targetGroup,
          null,
          null,
          desiredCount,
          ControllerType.ECS,
          alternateTargetGroup,
          null,
          null);
    }
  }

  /** The deployment controller of a declared service. */
  public enum ControllerType {
    ECS,
    CODE_DEPLOY;

    /**
     * Accepts any case and with or without underscores: {@code codeDeploy}, {@code CODE_DEPLOY}.
     */
    @JsonCreator
    public static ControllerType of(String text) {
      return Lenient.parse(ControllerType.class, text);
    }
  }

  /**
   * A CloudWatch alarm. {@code alarmAfter} (e.g. {@code 10m}, {@code 90s}) sends it into ALARM that
   * long after the simulator starts; {@code state} is its initial state.
   */
  public record AlarmSpec(String name, String state, String alarmAfter) {
    public AlarmSpec {
      Objects.requireNonNull(name, "alarms[].name is required");
      state = Objects.requireNonNullElse(state, "OK");
    }
  }

  /** What a simulated Lambda function does when a lifecycle hook invokes it. */
  public enum Behaviour {
    SUCCEED,
    FAIL,
    NEVER_ANSWER,
    HTTP_CHECK,
    URL,
    IN_PROGRESS;

    /** Accepts any case and with or without underscores: {@code http_check}, {@code httpCheck}. */
    @JsonCreator
    public static Behaviour of(String text) {
      return Lenient.parse(Behaviour.class, text);
    }
  }

  /** Which listener of the deployment group's load balancer an HTTP check goes through. */
  public enum ListenerKind {
    PRODUCTION,
    TEST;

    /** Accepts any case and with or without underscores: {@code http_check}, {@code httpCheck}. */
    @JsonCreator
    public static ListenerKind of(String text) {
      return Lenient.parse(ListenerKind.class, text);
    }
  }

  /** A request pattern a hook sends through a listener; every answer must carry the status. */
  public record HttpCheckSpec(
      ListenerKind listener, String path, Integer expectStatus, Integer requests) {
    public HttpCheckSpec {
      listener = Objects.requireNonNullElse(listener, ListenerKind.TEST);
      path = Objects.requireNonNullElse(path, "/");
      expectStatus = Objects.requireNonNullElse(expectStatus, 200);
      requests = Objects.requireNonNullElse(requests, 10);
    }
  }

  /**
   * A Lambda function hooks may name. {@code answerAfterSeconds} is the simulated time the function
   * takes before it reports (SUCCEED, FAIL, HTTP_CHECK, IN_PROGRESS). IN_PROGRESS answers ECS's
   * {@code hookStatus} IN_PROGRESS {@code inProgressTimes} times (with {@code callBackDelaySeconds}
   * when set, else ECS's default delay), then SUCCEEDED; to a CodeDeploy hook it reports Succeeded
   * after the same total time.
   */
  public record FunctionSpec(
      String name,
      Behaviour behaviour,
      HttpCheckSpec httpCheck,
      String url,
      Integer answerAfterSeconds,
      Integer inProgressTimes,
      Integer callBackDelaySeconds) {
    @JsonCreator
    public FunctionSpec {
      Objects.requireNonNull(name, "functions[].name is required");
      behaviour = Objects.requireNonNullElse(behaviour, Behaviour.SUCCEED);
      if (behaviour == Behaviour.HTTP_CHECK && httpCheck == null) {
        httpCheck = new HttpCheckSpec(null, null, null, null);
      }
      if (behaviour == Behaviour.URL && url == null) {
        throw new IllegalArgumentException("functions[" + name + "]: behaviour URL needs a url");
      }
      answerAfterSeconds = Objects.requireNonNullElse(answerAfterSeconds, 0);
      inProgressTimes = Objects.requireNonNullElse(inProgressTimes, 1);
      if (inProgressTimes < 0) {
        throw new IllegalArgumentException(
            "functions[" + name + "]: inProgressTimes cannot be negative");
      }
      if (callBackDelaySeconds != null && callBackDelaySeconds < 0) {
        throw new IllegalArgumentException(
            "functions[" + name + "]: callBackDelaySeconds cannot be negative");
      }
    }

    public FunctionSpec(
        String name,
        Behaviour behaviour,
        HttpCheckSpec httpCheck,
        String url,
        Integer answerAfterSeconds) {
      this(name, behaviour, httpCheck, url, answerAfterSeconds, null, null);
    }

    /** Answers IN_PROGRESS {@code times} times, {@code delaySeconds} apart, then SUCCEEDED. */
    public static FunctionSpec inProgress(String name, int times, Integer delaySeconds) {
      return new FunctionSpec(name, Behaviour.IN_PROGRESS, null, null, null, times, delaySeconds);
    }
  }

  /** A CodeDeploy application created before start, with its deployment groups. */
  public record ApplicationSpec(String name, List<DeploymentGroupSpec> deploymentGroups) {
    public ApplicationSpec {
      Objects.requireNonNull(name, "applications[].name is required");
      deploymentGroups = listOrEmpty(deploymentGroups);
    }
  }

  /**
   * An ECS blue/green deployment group. {@code readyWaitMinutes} set means the ready option
   * STOP_DEPLOYMENT with that wait; absent means CONTINUE_DEPLOYMENT.
   */
  public record DeploymentGroupSpec(
      String name,
      String cluster,
      String service,
      List<String> targetGroups,
      String loadBalancer,
      Boolean testListener,
      String deploymentConfig,
      Integer terminationWaitMinutes,
      Integer readyWaitMinutes,
      List<String> autoRollbackEvents,
      List<String> alarms,
      String serviceRoleArn) {
    public DeploymentGroupSpec {
      Objects.requireNonNull(name, "deploymentGroups[].name is required");
      cluster = Objects.requireNonNullElse(cluster, "default");
      Objects.requireNonNull(service, "deploymentGroups[].service is required");
      targetGroups = listOrEmpty(targetGroups);
      testListener = Objects.requireNonNullElse(testListener, Boolean.TRUE);
      deploymentConfig =
          Objects.requireNonNullElse(deploymentConfig, "CodeDeployDefault.ECSAllAtOnce");
      terminationWaitMinutes = Objects.requireNonNullElse(terminationWaitMinutes, 0);
      autoRollbackEvents = listOrEmpty(autoRollbackEvents);
      alarms = listOrEmpty(alarms);
    }
  }

  /** The kinds of fault the simulator can inject into API calls. */
  public enum FaultKind {
    THROTTLE,
    INTERNAL_FAILURE,
    SERVICE_UNAVAILABLE,
    LATENCY,
    DROP_CONNECTION,
    APPLY_THEN_DROP;

    /** Accepts any case and with or without underscores: {@code http_check}, {@code httpCheck}. */
    @JsonCreator
    public static FaultKind of(String text) {
      return Lenient.parse(FaultKind.class, text);
    }
  }

  /**
   * A fault on an operation ({@code *} for all): on a {@code rate} fraction of calls, or on the
   * next {@code count} calls; LATENCY adds {@code latencyMs} of wall-clock delay.
   */
  public record FaultSpec(
      String operation, FaultKind kind, Double rate, Integer count, Integer latencyMs) {
    public FaultSpec {
      operation = Objects.requireNonNullElse(operation, "*");
      Objects.requireNonNull(kind, "faults[].kind is required");
    }
  }

  /** Assembles a {@link World} in code; every method returns the builder. */
  public static final class Builder {
    private String accountId = "123456789012";
    private String region = "us-east-1";
    private final List<String> clusters = new ArrayList<>();
    private final List<TaskDefinitionSpec> taskDefinitions = new ArrayList<>();
    private final List<LoadBalancerSpec> loadBalancers = new ArrayList<>();
    private final List<ServiceSpec> services = new ArrayList<>();
    private final List<AlarmSpec> alarms = new ArrayList<>();
    private final List<FunctionSpec> functions = new ArrayList<>();
    private final List<String> roles = new ArrayList<>();
    private final List<ApplicationSpec> applications = new ArrayList<>();
    private final List<FaultSpec> faults = new ArrayList<>();
    private Timings timings = Timings.DEFAULT;
    private boolean dataPlane = true;
    private long seed = 42;

    public Builder account(String accountId) {
      this.accountId = accountId;
      return this;
    }

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    public Builder cluster(String name) {
      clusters.add(name);
      return this;
    }

    public Builder taskDefinition(TaskDefinitionSpec spec) {
      taskDefinitions.add(spec);
      return this;
    }

    /** A family with one registered revision whose container has the given environment. */
    public Builder taskDefinition(String family, Map<String, String> environment) {
      return taskDefinition(new TaskDefinitionSpec(family, null, null, null, environment, 1));
    }

    public Builder loadBalancer(String name, String... targetGroups) {
      loadBalancers.add(new LoadBalancerSpec(name, 0, 0, List.of(targetGroups)));
      return this;
    }

    public Builder loadBalancer(LoadBalancerSpec spec) {
      loadBalancers.add(spec);
      return this;
    }

    public Builder service(
        String cluster, String name, String taskDefinition, String targetGroup, int desiredCount) {
      services.add(
          new ServiceSpec(cluster, name, taskDefinition, targetGroup, null, null, desiredCount));
      return this;
    }

    /** A service with the ECS deployment controller, on the target group pair given. */
    public Builder ecsService(
        String cluster,
        String name,
        String taskDefinition,
        String targetGroup,
        String alternateTargetGroup,
        int desiredCount) {
      services.add(
          ServiceSpec.ecsNative(
              cluster, name, taskDefinition, targetGroup, alternateTargetGroup, desiredCount));
      return this;
    }

    public Builder service(ServiceSpec spec) {
      services.add(spec);
      return this;
    }

    public Builder alarm(String name) {
      alarms.add(new AlarmSpec(name, "OK", null));
      return this;
    }

    public Builder alarm(AlarmSpec spec) {
      alarms.add(spec);
      return this;
    }

    public Builder function(String name, Behaviour behaviour) {
      functions.add(new FunctionSpec(name, behaviour, null, null, null));
      return this;
    }

    public Builder function(FunctionSpec spec) {
      functions.add(spec);
      return this;
    }

    public Builder role(String roleArn) {
      roles.add(roleArn);
      return this;
    }

    public Builder application(ApplicationSpec spec) {
      applications.add(spec);
      return this;
    }

    public Builder fault(FaultSpec spec) {
      faults.add(spec);
      return this;
    }

    public Builder timings(Timings timings) {
      this.timings = timings;
      return this;
    }

    /** Whether listener ports are opened on loopback (off for large benchmarks). */
    public Builder dataPlane(boolean enabled) {
      this.dataPlane = enabled;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public World build() {
      return new World(
          accountId,
          region,
          clusters,
          taskDefinitions,
          loadBalancers,
          services,
          alarms,
          functions,
          roles,
          applications,
          faults,
          timings,
          dataPlane,
          seed);
    }
  }
}
