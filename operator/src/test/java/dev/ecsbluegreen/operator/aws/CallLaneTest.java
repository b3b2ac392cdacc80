package dev.ecsbluegreen.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallLaneTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "BatchGetDeployments",
        "BatchGetDeploymentTargets",
        "ListDeploymentTargets",
        "ContinueDeployment",
        "StopDeployment",
        "DescribeServiceDeployments",
        "StopServiceDeployment",
        "ContinueServiceDeployment",
        "GetMetricData"
      })
  void callsAboutARunningDeploymentAreInFlight(String operation) {
    assertThat(CallLane.of(operation)).isEqualTo(CallLane.IN_FLIGHT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DescribeServices",
        "BatchGetDeploymentGroups",
        "ListDeployments",
        "ListTaskDefinitions",
        "DescribeTaskDefinition",
        "RegisterTaskDefinition",
        "GetDeploymentConfig",
        "CreateDeploymentConfig",
        "CreateDeployment",
        "UpdateService",
        "UpdateDeploymentGroup"
      })
  void everythingElsePrepares(String operation) {
    assertThat(CallLane.of(operation)).isEqualTo(CallLane.PREPARING);
  }
}
