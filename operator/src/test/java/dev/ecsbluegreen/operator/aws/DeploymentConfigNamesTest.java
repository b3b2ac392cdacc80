package dev.ecsbluegreen.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.TrafficRouting;
import dev.ecsbluegreen.operator.api.v1alpha1.TrafficRouting.TrafficRoutingType;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;

class DeploymentConfigNamesTest {

  @Test
  void namesSayTheRouting() {
    assertThat(
            DeploymentConfigNames.of(new TrafficRouting(TrafficRoutingType.TimeBasedCanary, 10, 5)))
        .isEqualTo("ecs-bluegreen.Canary10Percent5Minutes");
    assertThat(
            DeploymentConfigNames.of(new TrafficRouting(TrafficRoutingType.TimeBasedLinear, 20, 2)))
        .isEqualTo("ecs-bluegreen.Linear20PercentEvery2Minutes");
    assertThat(
            DeploymentConfigNames.of(new TrafficRouting(TrafficRoutingType.AllAtOnce, null, null)))
        .isEqualTo("CodeDeployDefault.ECSAllAtOnce");
  }

  @Test
  void routingIsReadBackFromTheOperatorsNamesAndThePredefinedOnes() {
    for (var routing :
        List.of(
            new TrafficRouting(TrafficRoutingType.TimeBasedCanary, 10, 5),
            new TrafficRouting(TrafficRoutingType.TimeBasedLinear, 20, 2),
            new TrafficRouting(TrafficRoutingType.AllAtOnce, null, null))) {
      assertThat(DeploymentConfigNames.routingOf(DeploymentConfigNames.of(routing)))
          .contains(routing);
    }
    assertThat(DeploymentConfigNames.routingOf("CodeDeployDefault.ECSCanary10Percent15Minutes"))
        .contains(new TrafficRouting(TrafficRoutingType.TimeBasedCanary, 10, 15));
    assertThat(DeploymentConfigNames.routingOf("CodeDeployDefault.ECSLinear10PercentEvery1Minutes"))
        .contains(new TrafficRouting(TrafficRoutingType.TimeBasedLinear, 10, 1));
  }

  @Test
  void aFreeConfigNameSaysNoRouting() {
    assertThat(DeploymentConfigNames.routingOf("team-slow-canary")).isEmpty();
    assertThat(DeploymentConfigNames.routingOf("CodeDeployDefault.OneAtATime")).isEmpty();
    assertThat(DeploymentConfigNames.routingOf(null)).isEmpty();
    // Not a routing CodeDeploy accepts, so not one to time steps by.
    assertThat(DeploymentConfigNames.routingOf("ecs-bluegreen.Linear0PercentEvery1Minutes"))
        .isEmpty();
    assertThat(DeploymentConfigNames.routingOf("ecs-bluegreen.Canary10Percent99999999999Minutes"))
        .isEmpty();
  }

  @Test
  void customNamesStayWithinCodeDeploysRules() {
    String name =
        DeploymentConfigNames.of(new TrafficRouting(TrafficRoutingType.TimeBasedLinear, 99, 99999));

    assertThat(name).hasSizeLessThanOrEqualTo(100).matches("[A-Za-z0-9._+=,@-]+");
    assertThat(name).doesNotStartWith("CodeDeployDefault.");
  }

  @Test
  void aStatusNewerThanTheSdkIsUnknownNotAnError() {
    assertThat(AwsCodeDeployGateway.state(DeploymentStatus.fromValue("Paused")))
        .isEqualTo(DeploymentState.UNKNOWN);
    assertThat(AwsCodeDeployGateway.state(DeploymentStatus.READY)).isEqualTo(DeploymentState.READY);
    assertThat(AwsCodeDeployGateway.state(DeploymentStatus.BAKING))
        .isEqualTo(DeploymentState.BAKING);
  }
}
