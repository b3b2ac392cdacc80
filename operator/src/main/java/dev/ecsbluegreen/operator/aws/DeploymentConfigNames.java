package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.api.v1alpha1.CodeDeploySpec;
import dev.ecsbluegreen.operator.api.v1alpha1.TrafficRouting;
import software.amazon.awssdk.services.codedeploy.model.TrafficRoutingConfig;
import software.amazon.awssdk.services.codedeploy.model.TrafficRoutingType;

/**
 * Deterministic names for the custom ECS deployment configs the operator creates: the name says the
 * routing, so every release asking for the same routing shares one config (CodeDeploy allows 200).
 */
public final class DeploymentConfigNames {

  public static final String PREFIX = "ecs-bluegreen.";

  private DeploymentConfigNames() {}

  /**
   * {@code ecs-bluegreen.Canary10Percent5Minutes}, {@code
   * ecs-bluegreen.Linear20PercentEvery2Minutes} or, for AllAtOnce, the predefined {@code
   * CodeDeployDefault.ECSAllAtOnce}.
   */
  public static String of(TrafficRouting routing) {
    return switch (routing.type()) {
      case AllAtOnce -> CodeDeploySpec.DEFAULT_DEPLOYMENT_CONFIG;
      case TimeBasedCanary ->
          PREFIX
              + "Canary"
              + routing.percentage()
              + "Percent"
              + routing.intervalMinutes()
              + "Minutes";
      case TimeBasedLinear ->
          PREFIX
              + "Linear"
              + routing.percentage()
              + "PercentEvery"
              + routing.intervalMinutes()
              + "Minutes";
    };
  }

  static TrafficRoutingConfig trafficRoutingConfig(TrafficRouting routing) {
    return switch (routing.type()) {
      case AllAtOnce -> TrafficRoutingConfig.builder().type(TrafficRoutingType.ALL_AT_ONCE).build();
      case TimeBasedCanary ->
          TrafficRoutingConfig.builder()
              .type(TrafficRoutingType.TIME_BASED_CANARY)
              .timeBasedCanary(
                  c ->
                      c.canaryPercentage(routing.percentage())
                          .canaryInterval(routing.intervalMinutes()))
              .build();
      case TimeBasedLinear ->
          TrafficRoutingConfig.builder()
              .type(TrafficRoutingType.TIME_BASED_LINEAR)
              .timeBasedLinear(
                  l ->
                      l.linearPercentage(routing.percentage())
                          .linearInterval(routing.intervalMinutes()))
              .build();
    };
  }
}
