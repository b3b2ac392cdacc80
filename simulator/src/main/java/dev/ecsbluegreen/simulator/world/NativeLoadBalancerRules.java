package dev.ecsbluegreen.simulator.world;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * ECS's checks of an ECS-controller service's load balancer ({@code loadBalancers[0]} with {@code
 * advancedConfiguration}) against the world's target groups and listeners.
 */
final class NativeLoadBalancerRules {

  private final LoadBalancers loadBalancers;

  NativeLoadBalancerRules(LoadBalancers loadBalancers) {
    this.loadBalancers = loadBalancers;
  }

  /**
   * The first load balancer entry of CreateService or UpdateService, with ECS's checks: both target
   * groups and the listener rules exist and belong to one load balancer, and a role is given.
   */
  NativeLoadBalancer check(JsonNode loadBalancersJson) {
    JsonNode lb = loadBalancersJson == null ? null : loadBalancersJson.path(0);
    if (lb == null || lb.isMissingNode()) {
      throw invalid(
          "loadBalancers: the simulator's ECS-controller services need one load balancer with"
              + " advancedConfiguration (blue/green, linear and canary deployments)");
    }
    var primary = targetGroup(lb.path("targetGroupArn"), "loadBalancers[0].targetGroupArn");
    JsonNode advanced = lb.path("advancedConfiguration");
    if (!advanced.isObject()) {
      throw invalid(
          "loadBalancers[0].advancedConfiguration is required for BLUE_GREEN, LINEAR and CANARY"
              + " deployments");
    }
    var alternate =
        targetGroup(
            advanced.path("alternateTargetGroupArn"),
            "loadBalancers[0].advancedConfiguration.alternateTargetGroupArn");
    if (alternate.name().equals(primary.name())) {
      throw invalid(
          "loadBalancers[0].advancedConfiguration.alternateTargetGroupArn must differ from"
              + " targetGroupArn");
    }
    if (!alternate.loadBalancer().equals(primary.loadBalancer())) {
      throw invalid(
          "loadBalancers[0]: target groups %s and %s are not on the same load balancer"
              .formatted(primary.name(), alternate.name()));
    }
    String production =
        listener(
            advanced.path("productionListenerRule"),
            primary,
            "loadBalancers[0].advancedConfiguration.productionListenerRule",
            true);
    String test =
        listener(
            advanced.path("testListenerRule"),
            primary,
            "loadBalancers[0].advancedConfiguration.testListenerRule",
            false);
    String role = advanced.path("roleArn").asText(null);
    if (role == null || !role.matches("arn:aws:iam::\\d{12}:role/.+")) {
      throw invalid(
          "loadBalancers[0].advancedConfiguration.roleArn must be an IAM role ARN, not " + role);
    }
    return new NativeLoadBalancer(
        primary.arn(),
        alternate.arn(),
        advanced.path("productionListenerRule").asText(),
        advanced.path("testListenerRule").asText(null),
        role,
        lb.path("containerName").asText("app"),
        lb.path("containerPort").asInt(8080),
        primary.name(),
        alternate.name(),
        production,
        test);
  }

  private LoadBalancers.TargetGroup targetGroup(JsonNode arn, String field) {
    if (!arn.isTextual()) {
      throw invalid(field + " is required");
    }
    return loadBalancers
        .targetGroupByArn(arn.asText())
        .orElseThrow(() -> invalid(field + ": target group " + arn.asText() + " does not exist"));
  }

  private String listener(
      JsonNode rule, LoadBalancers.TargetGroup group, String field, boolean required) {
    if (!rule.isTextual()) {
      if (required) {
        throw invalid(field + " is required");
      }
      return null;
    }
    String listener =
        loadBalancers
            .listenerOfRule(rule.asText())
            .orElseThrow(
                () ->
                    invalid(
                        field
                            + ": listener rule or listener "
                            + rule.asText()
                            + " does not exist"));
    String lb = loadBalancers.byListenerArn(listener).orElseThrow().name();
    if (!lb.equals(group.loadBalancer())) {
      throw invalid(
          field
              + ": "
              + rule.asText()
              + " is on load balancer "
              + lb
              + ", not on "
              + group.loadBalancer()
              + " where the target groups are");
    }
    return listener;
  }

  private static AwsException invalid(String message) {
    return AwsException.client("InvalidParameterException", message);
  }
}
