package dev.ecsbluegreen.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AwsDeploymentGroupGatewayIT {

  private final SimulatedAwsFixture f = new SimulatedAwsFixture();
  private final DeploymentGroupGateway groups = f.aws.deploymentGroups();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void aMissingApplicationOrGroupDescribesAsEmpty() {
    assertThat(groups.describe("web-app", "web-dg")).isEmpty();
    groups.ensureApplication("web-app");
    assertThat(groups.describe("web-app", "web-dg")).isEmpty();
  }

  @Test
  void groupsOfAnApplicationAreReadInOneCallLeavingOutMissingOnes() {
    assertThat(groups.describeAll("web-app", List.of("web-dg", "other-dg"))).isEmpty();
    f.createGroup(f.group(0, "CONTINUE_DEPLOYMENT", null));

    var read = groups.describeAll("web-app", List.of("web-dg", "other-dg"));

    assertThat(read).containsOnlyKeys("web-dg");
    assertThat(f.calls("BatchGetDeploymentGroups")).isEqualTo(2);
    assertThat(read.get("web-dg")).isEqualTo(groups.describe("web-app", "web-dg").orElseThrow());
  }

  @Test
  void ensuringTheApplicationTwiceCreatesItOnce() {
    groups.ensureApplication("web-app");
    groups.ensureApplication("web-app");

    assertThat(f.calls("CreateApplication")).isEqualTo(1);
  }

  @Test
  void aCreatedGroupDescribesWithoutDrift() {
    var desired =
        new DeploymentGroupState(
            "web-app",
            "web-dg",
            SimulatedAwsFixture.SERVICE_ROLE,
            "prod",
            "web",
            List.of("web-blue", "web-green"),
            List.of(f.productionListener()),
            List.of(f.testListener()),
            45,
            "STOP_DEPLOYMENT",
            30,
            List.of("DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"),
            List.of(SimulatedAwsFixture.ALARM),
            List.of(
                new DeploymentGroupState.Trigger(
                    "notify",
                    "arn:aws:sns:us-east-1:123456789012:deploys",
                    List.of("DeploymentFailure", "DeploymentSuccess"))));

    f.createGroup(desired);

    var actual = groups.describe("web-app", "web-dg");
    assertThat(actual).isPresent();
    assertThat(ManagedGroupMapper.drift(desired, actual.get())).isEmpty();
  }

  @Test
  void anUpdateRemovesTheDrift() {
    f.createGroup(f.group(60, "CONTINUE_DEPLOYMENT", null));
    var changed =
        new DeploymentGroupState(
            "web-app",
            "web-dg",
            SimulatedAwsFixture.SERVICE_ROLE,
            "prod",
            "web",
            List.of("web-blue", "web-green"),
            List.of(f.productionListener()),
            List.of(),
            5,
            "CONTINUE_DEPLOYMENT",
            null,
            List.of("DEPLOYMENT_FAILURE"),
            List.of(SimulatedAwsFixture.ALARM),
            List.of());
    assertThat(ManagedGroupMapper.drift(changed, groups.describe("web-app", "web-dg").get()))
        .containsExactlyInAnyOrder(
            "testListenerArns", "terminationWaitMinutes", "autoRollbackEvents", "alarms");

    groups.updateGroup(changed);

    assertThat(ManagedGroupMapper.drift(changed, groups.describe("web-app", "web-dg").get()))
        .isEmpty();
  }

  @Test
  void aGroupAwsRejectsIsInvalidWithTheAwsCode() {
    groups.ensureApplication("web-app");
    var broken =
        new DeploymentGroupState(
            "web-app",
            "web-dg",
            SimulatedAwsFixture.SERVICE_ROLE,
            "prod",
            "web",
            List.of("web-blue", "no-such-target-group"),
            List.of(f.productionListener()),
            List.of(),
            5,
            "CONTINUE_DEPLOYMENT",
            null,
            List.of(),
            List.of(),
            List.of());

    assertThatThrownBy(() -> groups.createGroup(broken))
        .isInstanceOf(InvalidReleaseException.class)
        .hasMessageContaining("CreateDeploymentGroup on deployment group web-app/web-dg")
        .extracting(e -> ((InvalidReleaseException) e).awsErrorCode())
        .isEqualTo("InvalidTargetGroupPairException");
  }
}
