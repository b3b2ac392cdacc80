package dev.ecsbluegreen.operator.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck.AnalysisPhase;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseSpec;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsCanary;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsLifecycleHook;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsLifecycleHook.EcsHookStage;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsLifecycleHook.TimeoutAction;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsLinear;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec;
import dev.ecsbluegreen.operator.api.v1alpha1.Promotion.PromotionMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.ecs.model.AdvancedConfiguration;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.CanaryConfiguration;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.DeploymentAlarms;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHook;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookAction;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookTargetType;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;
import software.amazon.awssdk.services.ecs.model.LinearConfiguration;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/** Turns a release's spec into the UpdateService request that starts its service deployment. */
final class ServiceUpdateRequests {

  private ServiceUpdateRequests() {}

  static UpdateServiceRequest of(ServiceUpdate update) {
    EcsBlueGreenReleaseSpec spec = update.spec();
    var request =
        UpdateServiceRequest.builder()
            .cluster(spec.service().cluster())
            .service(spec.service().name())
            .taskDefinition(update.taskDefinitionArn())
            .deploymentConfiguration(deploymentConfiguration(spec));
    var traffic = spec.ecs().loadBalancer();
    if (traffic != null) {
      request.loadBalancers(
          LoadBalancer.builder()
              .targetGroupArn(update.targetGroupArn())
              .containerName(spec.loadBalancer().containerName())
              .containerPort(spec.loadBalancer().containerPort())
              .advancedConfiguration(
                  AdvancedConfiguration.builder()
                      .alternateTargetGroupArn(traffic.alternateTargetGroupArn())
                      .productionListenerRule(traffic.productionListenerRule())
                      .testListenerRule(traffic.testListenerRule())
                      .roleArn(traffic.roleArn())
                      .build())
              .build());
    }
    if (spec.platformVersion() != null) {
      request.platformVersion(spec.platformVersion());
    }
    if (spec.networkConfiguration() != null) {
      var vpc = spec.networkConfiguration().awsvpcConfiguration();
      request.networkConfiguration(
          NetworkConfiguration.builder()
              .awsvpcConfiguration(
                  AwsVpcConfiguration.builder()
                      .subnets(vpc.subnets())
                      .securityGroups(vpc.securityGroups())
                      .assignPublicIp(
                          vpc.assignPublicIp() == null
                              ? null
                              : AssignPublicIp.fromValue(vpc.assignPublicIp().name()))
                      .build())
              .build());
    }
    if (!spec.capacityProviderStrategy().isEmpty()) {
      request.capacityProviderStrategy(
          spec.capacityProviderStrategy().stream()
              .map(
                  item ->
                      CapacityProviderStrategyItem.builder()
                          .capacityProvider(item.capacityProvider())
                          .base(item.base())
                          .weight(item.weight())
                          .build())
              .toList());
    }
    return request.build();
  }

  static DeploymentConfiguration deploymentConfiguration(EcsBlueGreenReleaseSpec spec) {
    EcsSpec ecs = spec.ecs();
    var config =
        DeploymentConfiguration.builder()
            .strategy(strategy(ecs.strategy()))
            .bakeTimeInMinutes(ecs.bakeTimeMinutes())
            .lifecycleHooks(hooks(spec));
    switch (ecs.strategy()) {
      case Linear -> {
        var linear = ecs.linear() == null ? new EcsLinear(null, null) : ecs.linear();
        config.linearConfiguration(
            LinearConfiguration.builder()
                .stepPercent(linear.stepPercent())
                .stepBakeTimeInMinutes(linear.stepBakeMinutes())
                .build());
      }
      case Canary -> {
        var canary = ecs.canary() == null ? new EcsCanary(null, null) : ecs.canary();
        config.canaryConfiguration(
            CanaryConfiguration.builder()
                .canaryPercent(canary.percent())
                .canaryBakeTimeInMinutes(canary.bakeMinutes())
                .build());
      }
      case BlueGreen -> {}
    }
    if (ecs.alarms() != null) {
      config.alarms(
          DeploymentAlarms.builder()
              .alarmNames(ecs.alarms().names())
              .enable(true)
              .rollback(ecs.alarms().rollback())
              .build());
    }
    return config.build();
  }

  private static DeploymentStrategy strategy(EcsSpec.EcsStrategy strategy) {
    return switch (strategy) {
      case BlueGreen -> DeploymentStrategy.BLUE_GREEN;
      case Linear -> DeploymentStrategy.LINEAR;
      case Canary -> DeploymentStrategy.CANARY;
    };
  }

  private static List<DeploymentLifecycleHook> hooks(EcsBlueGreenReleaseSpec spec) {
    var hooks = new ArrayList<DeploymentLifecycleHook>();
    for (EcsLifecycleHook hook : spec.ecs().hooks()) {
      hooks.add(
          DeploymentLifecycleHook.builder()
              .targetType(DeploymentLifecycleHookTargetType.AWS_LAMBDA)
              .hookTargetArn(hook.targetArn())
              .roleArn(hook.roleArn())
              .lifecycleStagesWithStrings(hook.stages().stream().map(EcsHookStage::name).toList())
              .hookDetails(document(hook.details()))
              .timeoutConfiguration(
                  t ->
                      t.timeoutInMinutes(hook.timeoutMinutes())
                          .action(
                              hook.timeoutAction() == TimeoutAction.Continue
                                  ? DeploymentLifecycleHookAction.CONTINUE
                                  : DeploymentLifecycleHookAction.ROLLBACK))
              .build());
    }
    if (holdsBeforeProduction(spec)) {
      // The gate before production traffic moves (a manual promote, TestTraffic analysis, or
      // both): held for ecs.holdMinutes and rolled back if nobody and nothing opens it by then.
      hooks.add(
          DeploymentLifecycleHook.builder()
              .targetType(DeploymentLifecycleHookTargetType.PAUSE)
              .lifecycleStagesWithStrings(EcsHookStage.PRE_PRODUCTION_TRAFFIC_SHIFT.name())
              .timeoutConfiguration(
                  t ->
                      t.timeoutInMinutes(spec.ecs().holdMinutesOrDefault())
                          .action(DeploymentLifecycleHookAction.ROLLBACK))
              .build());
    }
    return hooks;
  }

  /**
   * Whether the deployment must wait with test traffic on green: for a promote, or for the checks
   * that run then. Without the hold ECS would move production traffic before they decide.
   */
  static boolean holdsBeforeProduction(EcsBlueGreenReleaseSpec spec) {
    return spec.promotion().mode() == PromotionMode.Manual
        || spec.analysis().stream().anyMatch(c -> c.phase() == AnalysisPhase.TestTraffic);
  }

  /** hookDetails as written in the spec, as the SDK's document type. */
  static Document document(JsonNode node) {
    if (node == null || node.isNull()) {
      return node == null ? null : Document.fromNull();
    }
    if (node.isObject()) {
      var map = new LinkedHashMap<String, Document>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), document(e.getValue())));
      return Document.fromMap(map);
    }
    if (node.isArray()) {
      var list = new ArrayList<Document>();
      node.forEach(item -> list.add(document(item)));
      return Document.fromList(list);
    }
    if (node.isBoolean()) {
      return Document.fromBoolean(node.booleanValue());
    }
    if (node.isNumber()) {
      return Document.fromNumber(node.decimalValue());
    }
    return Document.fromString(node.asText());
  }
}
