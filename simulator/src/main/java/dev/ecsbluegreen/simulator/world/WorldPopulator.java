package dev.ecsbluegreen.simulator.world;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/**
 * Creates what a {@link World} declares, through the same rules the API applies, so a world file
 * cannot describe a state that AWS would refuse. Problems surface as {@link
 * IllegalArgumentException}s naming the world entry.
 */
final class WorldPopulator {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private final SimulatedAws aws;
  private final World world;
  private final Instant start;

  WorldPopulator(SimulatedAws aws) {
    this.aws = aws;
    this.world = aws.world();
    this.start = aws.startedAt();
  }

  void populate() {
    world.clusters().forEach(aws.ecs()::addCluster);
    world.services().forEach(s -> aws.ecs().addCluster(s.cluster()));
    world.taskDefinitions().forEach(this::registerTaskDefinition);
    world.services().forEach(this::createService);
    for (var alarm : world.alarms()) {
      Instant at =
          alarm.alarmAfter() == null ? null : start.plus(Durations.parse(alarm.alarmAfter()));
      aws.declareAlarm(alarm.name(), "ALARM".equalsIgnoreCase(alarm.state()), at);
    }
    world.applications().forEach(this::createApplication);
  }

  private void registerTaskDefinition(World.TaskDefinitionSpec spec) {
    for (int i = 0; i < spec.revisions(); i++) {
      aws.registerTaskDefinition(spec.family(), definition(spec), start);
    }
  }

  private static ObjectNode definition(World.TaskDefinitionSpec spec) {
    ObjectNode td = JSON.objectNode();
    td.put("family", spec.family());
    ObjectNode container = td.putArray("containerDefinitions").addObject();
    container.put("name", spec.containerName());
    container.put("image", spec.image());
    container.put("essential", true);
    ObjectNode port = container.putArray("portMappings").addObject();
    port.put("containerPort", spec.containerPort());
    port.put("hostPort", spec.containerPort());
    port.put("protocol", "tcp");
    ArrayNode env = container.putArray("environment");
    for (Map.Entry<String, String> e : spec.environment().entrySet()) {
      env.addObject().put("name", e.getKey()).put("value", e.getValue());
    }
    td.put("networkMode", "awsvpc");
    td.putArray("requiresCompatibilities").add("FARGATE");
    td.put("cpu", "256");
    td.put("memory", "512");
    return td;
  }

  private void createService(World.ServiceSpec spec) {
    if (spec.deploymentController() == World.ControllerType.ECS) {
      createEcsControlledService(spec);
      return;
    }
    var targetGroup =
        aws.loadBalancers()
            .targetGroup(spec.targetGroup())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "services[%s]: target group %s is not declared on any load balancer"
                            .formatted(spec.name(), spec.targetGroup())));
    TaskDefinition taskDefinition;
    try {
      taskDefinition = aws.ecs().taskDefinitions().resolve(spec.taskDefinition());
    } catch (AwsException e) {
      throw new IllegalArgumentException(
          "services[%s]: task definition %s is not declared"
              .formatted(spec.name(), spec.taskDefinition()));
    }
    aws.ecs()
        .createService(
            spec.cluster(),
            spec.name(),
            taskDefinition,
            targetGroup.arn(),
            spec.containerName(),
            spec.containerPort(),
            spec.desiredCount(),
            start,
            start);
  }

  /** The CreateService a world's ECS-controller service stands for, with its rules and role. */
  private void createEcsControlledService(World.ServiceSpec spec) {
    String where = "services[%s]: ".formatted(spec.name());
    var primary = declaredTargetGroup(spec, spec.targetGroup());
    var alternate = declaredTargetGroup(spec, spec.alternateTargetGroup());
    var lb = aws.loadBalancers().byName(primary.loadBalancer()).orElseThrow();
    ArrayNode lbs = JSON.arrayNode();
    ObjectNode entry = lbs.addObject();
    entry.put("targetGroupArn", primary.arn());
    entry.put("containerName", spec.containerName());
    entry.put("containerPort", spec.containerPort());
    ObjectNode advanced = entry.putObject("advancedConfiguration");
    advanced.put("alternateTargetGroupArn", alternate.arn());
    advanced.put(
        "productionListenerRule",
        aws.arns().listenerRule(lb.name(), World.ListenerKind.PRODUCTION));
    if (spec.testListener()) {
      advanced.put("testListenerRule", aws.arns().listenerRule(lb.name(), World.ListenerKind.TEST));
    }
    advanced.put(
        "roleArn",
        spec.roleArn() != null
            ? spec.roleArn()
            : "arn:aws:iam::%s:role/ecsInfrastructureRoleForLoadBalancers"
                .formatted(world.accountId()));
    try {
      var request =
          new NativeServices.ServiceRequest(
              spec.cluster(),
              spec.name(),
              aws.ecs().taskDefinitions().resolve(spec.taskDefinition()),
              lbs,
              null,
              spec.desiredCount());
      aws.nativeServices().createService(request, start, start);
    } catch (AwsException e) {
      throw new IllegalArgumentException(where + e.errorCode() + ": " + e.getMessage());
    }
  }

  private LoadBalancers.TargetGroup declaredTargetGroup(World.ServiceSpec spec, String name) {
    return aws.loadBalancers()
        .targetGroup(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "services[%s]: target group %s is not declared on any load balancer"
                        .formatted(spec.name(), name)));
  }

  private void createApplication(World.ApplicationSpec spec) {
    try {
      aws.codeDeploy().createApplication(spec.name(), "ECS", JSON.arrayNode(), start);
      for (var group : spec.deploymentGroups()) {
        aws.codeDeploy()
            .createDeploymentGroup(
                spec.name(), group.name(), groupSettings(group), JSON.arrayNode());
      }
    } catch (AwsException e) {
      throw new IllegalArgumentException(
          "applications[%s]: %s: %s".formatted(spec.name(), e.errorCode(), e.getMessage()));
    }
  }

  /** The CreateDeploymentGroup members a world's short group declaration stands for. */
  private ObjectNode groupSettings(World.DeploymentGroupSpec spec) {
    String lbName = spec.loadBalancer();
    if (lbName == null && !spec.targetGroups().isEmpty()) {
      lbName =
          aws.loadBalancers()
              .targetGroup(spec.targetGroups().get(0))
              .map(LoadBalancers.TargetGroup::loadBalancer)
              .orElse(null);
    }
    var lb =
        aws.loadBalancers()
            .byName(lbName == null ? "" : lbName)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "deploymentGroups[%s]: declare loadBalancer or targetGroups"
                            .formatted(spec.name())));
    ObjectNode s = JSON.objectNode();
    s.put(
        "serviceRoleArn",
        spec.serviceRoleArn() != null
            ? spec.serviceRoleArn()
            : "arn:aws:iam::%s:role/ecsCodeDeployRole".formatted(world.accountId()));
    s.put("deploymentConfigName", spec.deploymentConfig());
    s.putObject("deploymentStyle")
        .put("deploymentType", "BLUE_GREEN")
        .put("deploymentOption", "WITH_TRAFFIC_CONTROL");
    s.putArray("ecsServices")
        .addObject()
        .put("clusterName", spec.cluster())
        .put("serviceName", spec.service());
    ObjectNode pair =
        s.putObject("loadBalancerInfo").putArray("targetGroupPairInfoList").addObject();
    ArrayNode tgs = pair.putArray("targetGroups");
    spec.targetGroups().forEach(tg -> tgs.addObject().put("name", tg));
    pair.putObject("prodTrafficRoute").putArray("listenerArns").add(lb.productionListenerArn());
    if (spec.testListener()) {
      pair.putObject("testTrafficRoute").putArray("listenerArns").add(lb.testListenerArn());
    }
    ObjectNode blueGreen = s.putObject("blueGreenDeploymentConfiguration");
    blueGreen
        .putObject("terminateBlueInstancesOnDeploymentSuccess")
        .put("action", "TERMINATE")
        .put("terminationWaitTimeInMinutes", spec.terminationWaitMinutes());
    ObjectNode ready = blueGreen.putObject("deploymentReadyOption");
    if (spec.readyWaitMinutes() == null) {
      ready.put("actionOnTimeout", "CONTINUE_DEPLOYMENT");
    } else {
      ready
          .put("actionOnTimeout", "STOP_DEPLOYMENT")
          .put("waitTimeInMinutes", spec.readyWaitMinutes());
    }
    if (!spec.autoRollbackEvents().isEmpty()) {
      ObjectNode rollback = s.putObject("autoRollbackConfiguration").put("enabled", true);
      ArrayNode events = rollback.putArray("events");
      spec.autoRollbackEvents().forEach(events::add);
    }
    if (!spec.alarms().isEmpty()) {
      ObjectNode alarms = s.putObject("alarmConfiguration").put("enabled", true);
      alarms.put("ignorePollAlarmFailure", false);
      ArrayNode list = alarms.putArray("alarms");
      spec.alarms().forEach(a -> list.addObject().put("name", a));
    }
    return s;
  }
}
