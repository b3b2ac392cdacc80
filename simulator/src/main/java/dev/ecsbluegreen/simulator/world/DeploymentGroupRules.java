package dev.ecsbluegreen.simulator.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The rules CodeDeploy applies to an ECS blue/green deployment group's settings, with the
 * exceptions and messages AWS answers when one is broken.
 */
final class DeploymentGroupRules {

  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/.+");
  private static final Set<String> ROLLBACK_EVENTS =
      Set.of(AutoRollback.ON_FAILURE, AutoRollback.ON_ALARM, AutoRollback.ON_REQUEST);

  private final EcsState ecs;
  private final LoadBalancers loadBalancers;
  private final Consumer<String> configs;

  /** {@code configs} throws the AWS error for a deployment config name that does not exist. */
  DeploymentGroupRules(EcsState ecs, LoadBalancers loadBalancers, Consumer<String> configs) {
    this.ecs = ecs;
    this.loadBalancers = loadBalancers;
    this.configs = configs;
  }

  /** Returns the settings with defaults filled in, or throws the error AWS would give. */
  ObjectNode validate(ObjectNode settings) {
    ObjectNode s = settings.deepCopy();
    String role = s.path("serviceRoleArn").asText(null);
    if (role == null || role.isEmpty()) {
      throw AwsException.client("RoleRequiredException", "Role ARN is required.");
    }
    if (!ROLE_ARN.matcher(role).matches()) {
      throw AwsException.client("InvalidRoleException", "The service role ARN is invalid: " + role);
    }
    if (!s.hasNonNull("deploymentConfigName")) {
      s.put("deploymentConfigName", "CodeDeployDefault.ECSAllAtOnce");
    }
    configs.accept(s.path("deploymentConfigName").asText());
    JsonNode style = s.path("deploymentStyle");
    if (!"BLUE_GREEN".equals(style.path("deploymentType").asText())
        || !"WITH_TRAFFIC_CONTROL".equals(style.path("deploymentOption").asText())) {
      throw AwsException.client(
          "InvalidDeploymentStyleException",
          "For ECS deployment group, deploymentType must be BLUE_GREEN and deploymentOption must"
              + " be WITH_TRAFFIC_CONTROL");
    }
    validateService(s);
    validateLoadBalancerInfo(s);
    validateBlueGreen(s);
    validateRollbackAndAlarms(s);
    return s;
  }

  private void validateService(ObjectNode s) {
    JsonNode services = s.path("ecsServices");
    if (!services.isArray() || services.size() != 1) {
      throw AwsException.client(
          "InvalidECSServiceException", "Exactly one ECS service must be specified");
    }
    String cluster = services.get(0).path("clusterName").asText(null);
    String name = services.get(0).path("serviceName").asText(null);
    if (cluster == null || name == null) {
      throw AwsException.client(
          "InvalidECSServiceException", "ECS service must have a clusterName and a serviceName");
    }
    EcsService service =
        ecs.service(cluster, name)
            .orElseThrow(
                () ->
                    AwsException.client(
                        "InvalidECSServiceException",
                        "ECS service [%s:%s] was not found".formatted(cluster, name)));
    if (service.isEcsControlled()) {
      throw AwsException.client(
          "InvalidECSServiceException",
          "The ECS service [%s:%s] uses the ECS deployment controller; CodeDeploy deploys only"
                  .formatted(cluster, name)
              + " services with the CODE_DEPLOY deployment controller");
    }
    if (service.deploymentGroupArn() != null) {
      throw AwsException.client(
          "ECSServiceMappingLimitExceededException",
          "The ECS service %s:%s is already associated with the deployment group %s"
              .formatted(cluster, name, service.deploymentGroupArn()));
    }
  }

  private void validateLoadBalancerInfo(ObjectNode s) {
    JsonNode pairs = s.path("loadBalancerInfo").path("targetGroupPairInfoList");
    if (!pairs.isArray() || pairs.size() != 1) {
      throw AwsException.client(
          "InvalidLoadBalancerInfoException",
          "For ECS deployment group, targetGroupPairInfoList must contain exactly one pair");
    }
    JsonNode targetGroups = pairs.get(0).path("targetGroups");
    if (!targetGroups.isArray() || targetGroups.size() != 2) {
      throw AwsException.client(
          "InvalidTargetGroupPairException", "A target group pair must contain two target groups");
    }
    String lb = null;
    for (JsonNode tg : targetGroups) {
      String name = tg.path("name").asText();
      var targetGroup =
          loadBalancers
              .targetGroup(name)
              .orElseThrow(
                  () ->
                      AwsException.client(
                          "InvalidTargetGroupPairException", "Target group not found: " + name));
      lb = targetGroup.loadBalancer();
    }
    if (targetGroups
        .get(0)
        .path("name")
        .asText()
        .equals(targetGroups.get(1).path("name").asText())) {
      throw AwsException.client(
          "InvalidTargetGroupPairException", "The two target groups must be different");
    }
    JsonNode prod = pairs.get(0).path("prodTrafficRoute").path("listenerArns");
    if (!prod.isArray() || prod.size() != 1) {
      throw AwsException.client(
          "InvalidTargetGroupPairException", "Exactly one production listener must be specified");
    }
    requireListener(prod.get(0).asText(), lb);
    JsonNode test = pairs.get(0).path("testTrafficRoute").path("listenerArns");
    if (test.isArray() && test.size() > 1) {
      throw AwsException.client(
          "InvalidTargetGroupPairException", "At most one test listener may be specified");
    }
    if (test.isArray() && test.size() == 1) {
      requireListener(test.get(0).asText(), lb);
    }
  }

  private void requireListener(String arn, String expectedLoadBalancer) {
    var lb =
        loadBalancers
            .byListenerArn(arn)
            .orElseThrow(
                () ->
                    AwsException.client(
                        "InvalidTargetGroupPairException", "Listener not found: " + arn));
    if (!lb.name().equals(expectedLoadBalancer)) {
      throw AwsException.client(
          "InvalidTargetGroupPairException",
          "Listener " + arn + " is not on the load balancer of the target groups");
    }
  }

  private void validateBlueGreen(ObjectNode s) {
    JsonNode blueGreen = s.path("blueGreenDeploymentConfiguration");
    JsonNode ready = blueGreen.path("deploymentReadyOption");
    String action = ready.path("actionOnTimeout").asText("CONTINUE_DEPLOYMENT");
    int wait = ready.path("waitTimeInMinutes").asInt(0);
    if ("CONTINUE_DEPLOYMENT".equals(action) && wait > 0) {
      throw AwsException.client(
          "InvalidBlueGreenDeploymentConfigurationException",
          "Deployment ready action cannot be set to 'CONTINUE_DEPLOYMENT' when timeout is"
              + " specified");
    }
    if (!Set.of("CONTINUE_DEPLOYMENT", "STOP_DEPLOYMENT").contains(action)) {
      throw AwsException.client(
          "InvalidBlueGreenDeploymentConfigurationException",
          "Unknown deployment ready action " + action);
    }
    JsonNode terminate = blueGreen.path("terminateBlueInstancesOnDeploymentSuccess");
    int terminationWait = terminate.path("terminationWaitTimeInMinutes").asInt(0);
    if (terminationWait < 0 || terminationWait > 2880) {
      throw AwsException.client(
          "InvalidBlueGreenDeploymentConfigurationException",
          "terminationWaitTimeInMinutes must be between 0 and 2880");
    }
    if ("KEEP_ALIVE".equals(terminate.path("action").asText())) {
      throw AwsException.client(
          "InvalidBlueGreenDeploymentConfigurationException",
          "KEEP_ALIVE is not supported for the ECS compute platform");
    }
  }

  private void validateRollbackAndAlarms(ObjectNode s) {
    for (JsonNode event : s.path("autoRollbackConfiguration").path("events")) {
      if (!ROLLBACK_EVENTS.contains(event.asText())) {
        throw AwsException.client(
            "InvalidAutoRollbackConfigException", "Unknown auto-rollback event " + event.asText());
      }
    }
    if (s.path("alarmConfiguration").path("alarms").size() > 10) {
      throw AwsException.client(
          "InvalidAlarmConfigException", "A deployment group can have at most 10 alarms");
    }
  }
}
