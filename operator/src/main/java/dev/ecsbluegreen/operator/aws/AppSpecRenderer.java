package dev.ecsbluegreen.operator.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.operator.api.v1alpha1.CapacityProviderStrategyItem;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders the ECS AppSpec of a release as compact JSON with a fixed key order, so the same spec and
 * task definition always give the same bytes and the same sha256. Keys are capitalised as in AWS's
 * ECS examples; {@code version} is the number 0.0, as {@code aws ecs deploy} sends it.
 */
public final class AppSpecRenderer {

  /** Hookable ECS lifecycle events in the order CodeDeploy runs them: spec key → AppSpec key. */
  static final Map<String, String> HOOK_EVENTS = orderedHookEvents();

  private static final ObjectMapper JSON = new ObjectMapper();

  private AppSpecRenderer() {}

  public static AppSpec render(EcsBlueGreenReleaseSpec spec, String taskDefinitionArn) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 0.0);
    ObjectNode properties =
        root.putArray("Resources")
            .addObject()
            .putObject("TargetService")
            .put("Type", "AWS::ECS::Service")
            .putObject("Properties");
    properties.put("TaskDefinition", taskDefinitionArn);
    properties
        .putObject("LoadBalancerInfo")
        .put("ContainerName", spec.loadBalancer().containerName())
        .put("ContainerPort", spec.loadBalancer().containerPort());
    if (spec.platformVersion() != null) {
      properties.put("PlatformVersion", spec.platformVersion());
    }
    if (spec.networkConfiguration() != null) {
      var vpc = spec.networkConfiguration().awsvpcConfiguration();
      ObjectNode awsvpc =
          properties.putObject("NetworkConfiguration").putObject("AwsvpcConfiguration");
      vpc.subnets().forEach(awsvpc.putArray("Subnets")::add);
      if (vpc.securityGroups() != null) {
        vpc.securityGroups().forEach(awsvpc.putArray("SecurityGroups")::add);
      }
      if (vpc.assignPublicIp() != null) {
        awsvpc.put("AssignPublicIp", vpc.assignPublicIp().name());
      }
    }
    if (!spec.capacityProviderStrategy().isEmpty()) {
      var strategy = properties.putArray("CapacityProviderStrategy");
      for (CapacityProviderStrategyItem item : spec.capacityProviderStrategy()) {
        ObjectNode entry = strategy.addObject();
        if (item.base() != null) {
          entry.put("Base", item.base());
        }
        entry.put("CapacityProvider", item.capacityProvider());
        if (item.weight() != null) {
          entry.put("Weight", item.weight());
        }
      }
    }
    if (!spec.hooks().isEmpty()) {
      var hooks = root.putArray("Hooks");
      HOOK_EVENTS.forEach(
          (specKey, event) -> {
            String function = spec.hooks().get(specKey);
            if (function != null) {
              hooks.addObject().put(event, function);
            }
          });
    }
    String content;
    try {
      content = JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("An AppSpec tree always serialises", e);
    }
    return new AppSpec(content, sha256(content));
  }

  /** Lower-case hex SHA-256 of the UTF-8 bytes. */
  public static String sha256(String content) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }

  private static Map<String, String> orderedHookEvents() {
    Map<String, String> events = new LinkedHashMap<>();
    events.put("beforeInstall", "BeforeInstall");
    events.put("afterInstall", "AfterInstall");
    events.put("afterAllowTestTraffic", "AfterAllowTestTraffic");
    events.put("beforeAllowTraffic", "BeforeAllowTraffic");
    events.put("afterAllowTraffic", "AfterAllowTraffic");
    return java.util.Collections.unmodifiableMap(events);
  }
}
