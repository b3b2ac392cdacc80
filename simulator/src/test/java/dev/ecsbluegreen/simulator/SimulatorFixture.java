package dev.ecsbluegreen.simulator;

import dev.ecsbluegreen.simulator.world.ManualClock;
import dev.ecsbluegreen.simulator.world.SimClock;
import dev.ecsbluegreen.simulator.world.World;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentReadyAction;
import software.amazon.awssdk.services.codedeploy.model.ECSTarget;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocationType;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;

/**
 * A simulator with a small standard world (cluster {@code prod}, service {@code web} behind load
 * balancer {@code web-lb}, hook functions, an alarm, a role) and real SDK clients pointed at it.
 * Time only moves when a test calls {@link #advance(Duration)}.
 */
final class SimulatorFixture implements AutoCloseable {

  static final String APP = "web-app";
  static final String GROUP = "web-dg";
  static final String ALARM = "web-5xx";
  static final String ROLE = "arn:aws:iam::210987654321:role/release-deployer";

  final ManualClock clock;
  final Simulator sim;
  final CodeDeployClient codeDeploy;
  final EcsClient ecs;

  SimulatorFixture() {
    this(standardWorld());
  }

  SimulatorFixture(World world) {
    this(world, new ManualClock());
  }

  /** With another clock; {@link #clock} is then null and {@link #advance} unusable. */
  SimulatorFixture(World world, SimClock simClock) {
    clock = simClock instanceof ManualClock manual ? manual : null;
    sim = Simulator.start(world, simClock);
    codeDeploy = codeDeployClient(sim.endpoint(), "AKIDTEST");
    ecs =
        EcsClient.builder()
            .endpointOverride(sim.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials("AKIDTEST"))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  static World standardWorld() {
    return World.builder()
        .cluster("prod")
        .taskDefinition("web", Map.of())
        .loadBalancer("web-lb", "web-blue", "web-green")
        .service("prod", "web", "web:1", "web-blue", 2)
        .function("CodeDeployHook_ok", World.Behaviour.SUCCEED)
        .function("CodeDeployHook_fail", World.Behaviour.FAIL)
        .function("CodeDeployHook_silent", World.Behaviour.NEVER_ANSWER)
        .function(
            new World.FunctionSpec(
                "CodeDeployHook_smoke",
                World.Behaviour.HTTP_CHECK,
                new World.HttpCheckSpec(World.ListenerKind.TEST, "/health", 200, 20),
                null,
                null))
        .alarm(ALARM)
        .role(ROLE)
        .build();
  }

  static StaticCredentialsProvider credentials(String accessKeyId) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret"));
  }

  static CodeDeployClient codeDeployClient(URI endpoint, String accessKeyId) {
    return CodeDeployClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials(accessKeyId))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** A CodeDeploy client that never retries, to see each answer as the simulator gave it. */
  CodeDeployClient codeDeployWithoutRetries() {
    return CodeDeployClient.builder()
        .endpointOverride(sim.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials("AKIDTEST"))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .retryStrategy(b -> b.maxAttempts(1))
                .build())
        .build();
  }

  void advance(Duration duration) {
    clock.advance(duration);
  }

  void advanceMinutes(long minutes) {
    clock.advance(Duration.ofMinutes(minutes));
  }

  /** Options for the standard deployment group. */
  static final class GroupOptions {
    String config = "CodeDeployDefault.ECSAllAtOnce";
    int terminationWaitMinutes = 0;
    Integer readyWaitMinutes;
    List<String> rollbackEvents = new ArrayList<>();
    List<String> alarms = new ArrayList<>();
    boolean testListener = true;
  }

  void createApplicationAndGroup(GroupOptions options) {
    codeDeploy.createApplication(b -> b.applicationName(APP).computePlatform("ECS"));
    codeDeploy.createDeploymentGroup(
        b -> {
          b.applicationName(APP)
              .deploymentGroupName(GROUP)
              .serviceRoleArn("arn:aws:iam::123456789012:role/ecsCodeDeployRole")
              .deploymentConfigName(options.config)
              .deploymentStyle(
                  s -> s.deploymentType("BLUE_GREEN").deploymentOption("WITH_TRAFFIC_CONTROL"))
              .ecsServices(s -> s.clusterName("prod").serviceName("web"))
              .loadBalancerInfo(
                  lb ->
                      lb.targetGroupPairInfoList(
                          p -> {
                            p.targetGroups(t -> t.name("web-blue"), t -> t.name("web-green"))
                                .prodTrafficRoute(
                                    r ->
                                        r.listenerArns(
                                            sim.listenerArn(
                                                "web-lb", World.ListenerKind.PRODUCTION)));
                            if (options.testListener) {
                              p.testTrafficRoute(
                                  r ->
                                      r.listenerArns(
                                          sim.listenerArn("web-lb", World.ListenerKind.TEST)));
                            }
                          }))
              .blueGreenDeploymentConfiguration(
                  bg ->
                      bg.terminateBlueInstancesOnDeploymentSuccess(
                              t ->
                                  t.action("TERMINATE")
                                      .terminationWaitTimeInMinutes(options.terminationWaitMinutes))
                          .deploymentReadyOption(
                              r -> {
                                if (options.readyWaitMinutes == null) {
                                  r.actionOnTimeout(DeploymentReadyAction.CONTINUE_DEPLOYMENT);
                                } else {
                                  r.actionOnTimeout(DeploymentReadyAction.STOP_DEPLOYMENT)
                                      .waitTimeInMinutes(options.readyWaitMinutes);
                                }
                              }));
          if (!options.rollbackEvents.isEmpty()) {
            b.autoRollbackConfiguration(
                r -> r.enabled(true).eventsWithStrings(options.rollbackEvents));
          }
          if (!options.alarms.isEmpty()) {
            b.alarmConfiguration(
                a -> a.enabled(true).alarms(options.alarms.stream().map(n -> toAlarm(n)).toList()));
          }
        });
  }

  private static software.amazon.awssdk.services.codedeploy.model.Alarm toAlarm(String name) {
    return software.amazon.awssdk.services.codedeploy.model.Alarm.builder().name(name).build();
  }

  /** Registers a new revision of {@code web} whose container has the environment given. */
  String registerWebRevision(Map<String, String> environment) {
    return ecs.registerTaskDefinition(
            b ->
                b.family("web")
                    .networkMode("awsvpc")
                    .requiresCompatibilitiesWithStrings("FARGATE")
                    .cpu("256")
                    .memory("512")
                    .containerDefinitions(
                        c ->
                            c.name("app")
                                .image("example/web:2")
                                .portMappings(p -> p.containerPort(8080))
                                .environment(
                                    environment.entrySet().stream()
                                        .map(
                                            e ->
                                                KeyValuePair.builder()
                                                    .name(e.getKey())
                                                    .value(e.getValue())
                                                    .build())
                                        .toList())))
        .taskDefinition()
        .taskDefinitionArn();
  }

  static String appSpec(String taskDefinitionArn, Map<String, String> hooks) {
    StringBuilder yaml =
        new StringBuilder(
            """
            version: 0.0
            Resources:
              - TargetService:
                  Type: AWS::ECS::Service
                  Properties:
                    TaskDefinition: "%s"
                    LoadBalancerInfo:
                      ContainerName: "app"
                      ContainerPort: 8080
            """
                .formatted(taskDefinitionArn));
    if (!hooks.isEmpty()) {
      yaml.append("Hooks:\n");
      hooks.forEach(
          (event, fn) ->
              yaml.append("  - ").append(event).append(": \"").append(fn).append("\"\n"));
    }
    return yaml.toString();
  }

  /** Starts a deployment of a fresh healthy revision, with the hooks given (event to function). */
  String deploy(Map<String, String> hooks) {
    return deployRevision(registerWebRevision(Map.of()), hooks);
  }

  String deployRevision(String taskDefinitionArn, Map<String, String> hooks) {
    String content = appSpec(taskDefinitionArn, hooks);
    return codeDeploy
        .createDeployment(
            b ->
                b.applicationName(APP)
                    .deploymentGroupName(GROUP)
                    .revision(
                        r ->
                            r.revisionType(RevisionLocationType.APP_SPEC_CONTENT)
                                .appSpecContent(a -> a.content(content))))
        .deploymentId();
  }

  static Map<String, String> hooks(String... eventAndFunction) {
    Map<String, String> hooks = new LinkedHashMap<>();
    for (int i = 0; i < eventAndFunction.length; i += 2) {
      hooks.put(eventAndFunction[i], eventAndFunction[i + 1]);
    }
    return hooks;
  }

  DeploymentInfo deployment(String id) {
    return codeDeploy.getDeployment(b -> b.deploymentId(id)).deploymentInfo();
  }

  ECSTarget target(String id) {
    return codeDeploy
        .getDeploymentTarget(b -> b.deploymentId(id).targetId("prod:web"))
        .deploymentTarget()
        .ecsTarget();
  }

  /** The lifecycle event currently in progress, or null. */
  String currentEvent(String id) {
    return target(id).lifecycleEvents().stream()
        .filter(e -> e.statusAsString().equals("InProgress"))
        .map(e -> e.lifecycleEventName())
        .findFirst()
        .orElse(null);
  }

  double greenWeight(String id) {
    return target(id).taskSetsInfo().stream()
        .filter(t -> t.taskSetLabelAsString().equals("Green"))
        .mapToDouble(t -> t.trafficWeight())
        .sum();
  }

  String serviceTaskDefinition() {
    return ecs.describeServices(b -> b.cluster("prod").services("web"))
        .services()
        .get(0)
        .taskDefinition();
  }

  @Override
  public void close() {
    codeDeploy.close();
    ecs.close();
    sim.close();
  }
}
