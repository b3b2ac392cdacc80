package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.api.v1alpha1.CodeDeploySpec;
import dev.ecsbluegreen.operator.api.v1alpha1.TrafficRouting;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.codedeploy.model.TrafficRoutingConfig;
import software.amazon.awssdk.services.codedeploy.model.TrafficRoutingType;

/**
 * Deterministic names for the custom ECS deployment configs the operator creates: the name says the
 * routing, so every release asking for the same routing shares one config (CodeDeploy allows 200).
 */
public final class DeploymentConfigNames {

  public static final String PREFIX = "ecs-bluegreen.";

  /** The operator's names and CodeDeploy's predefined ECS names, which both spell the routing. */
  private static final Pattern SPELLED_ROUTING =
      Pattern.compile(
          "(?:ecs-bluegreen\\.|CodeDeployDefault\\.ECS)"
              + "(?:(AllAtOnce)|Canary([1-9]\\d?)Percent([1-9]\\d{0,5})Minutes?"
              + "|Linear([1-9]\\d?)PercentEvery([1-9]\\d{0,5})Minutes?)");

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

  /**
   * The routing a deployment config's name spells: the operator's own names and CodeDeploy's
   * predefined ECS ones. Empty for any other name (a config someone created under a free name),
   * whose routing only GetDeploymentConfig could tell.
   */
  public static Optional<TrafficRouting> routingOf(String name) {
    var match = name == null ? null : SPELLED_ROUTING.matcher(name);
    if (match == null || !match.matches()) {
      return Optional.empty();
    }
    if (match.group(1) != null) {
      return Optional.of(
          new TrafficRouting(TrafficRouting.TrafficRoutingType.AllAtOnce, null, null));
    }
    if (match.group(2) != null) {
      return Optional.of(
          new TrafficRouting(
              TrafficRouting.TrafficRoutingType.TimeBasedCanary,
              Integer.valueOf(match.group(2)),
              Integer.valueOf(match.group(3))));
    }
    return Optional.of(
        new TrafficRouting(
            TrafficRouting.TrafficRoutingType.TimeBasedLinear,
            Integer.valueOf(match.group(4)),
            Integer.valueOf(match.group(5))));
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
