package dev.ecsbluegreen.operator.reconciler.codedeploy;

import static dev.ecsbluegreen.operator.fixtures.Deployments.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.ServiceRef;
import dev.ecsbluegreen.operator.aws.DeploymentState;
import dev.ecsbluegreen.operator.fixtures.FakeCodeDeployGateway;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * While pushed events report a deployment, its target is read only for a change, except for a
 * release whose ShiftingTraffic checks run between the traffic steps: CodeDeploy sends no event for
 * a step, so only the target shows that production traffic began to move.
 */
class DeploymentTrackerEventsTest {
  static final ServiceRef SERVICE = new ServiceRef("prod", "web");

  final FakeCodeDeployGateway codeDeploy = new FakeCodeDeployGateway();
  final DeploymentTracker tracker =
      new DeploymentTracker(codeDeploy.access(), Clock.systemUTC(), Duration.ZERO, id -> true);

  @Test
  void aDeploymentEventsReportIsNotReadForItsTargetOnEveryPass() {
    codeDeploy.put(shifting());

    for (int pass = 0; pass < 3; pass++) {
      tracker.track(null, "d-SHIFT", null, SERVICE);
    }

    assertThat(targetReads()).isLessThanOrEqualTo(1);
  }

  @Test
  void aReleaseWithShiftingTrafficChecksReadsItsTargetOnEveryPass() {
    codeDeploy.put(shifting());

    for (int pass = 0; pass < 3; pass++) {
      tracker.track(null, "d-SHIFT", null, SERVICE, true);
    }

    assertThat(targetReads()).isEqualTo(3);
  }

  private long targetReads() {
    return codeDeploy.calls.stream().filter(call -> call.startsWith("ReadTarget")).count();
  }

  private static dev.ecsbluegreen.operator.aws.DeploymentSnapshot shifting() {
    return deployment("d-SHIFT").state(DeploymentState.IN_PROGRESS).at("AllowTraffic").build();
  }
}
