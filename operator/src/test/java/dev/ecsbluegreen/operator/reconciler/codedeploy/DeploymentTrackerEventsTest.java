package dev.ecsbluegreen.operator.reconciler.codedeploy;

import static dev.ecsbluegreen.operator.fixtures.Deployments.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.ServiceRef;
import dev.ecsbluegreen.operator.aws.DeploymentState;
import dev.ecsbluegreen.operator.events.DeploymentNews;
import dev.ecsbluegreen.operator.events.DeploymentStateChange;
import dev.ecsbluegreen.operator.fixtures.FakeCodeDeployGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * While pushed events report a deployment, its target is read only for a change, except for a
 * release whose ShiftingTraffic checks run between the traffic steps: CodeDeploy sends no event for
 * a step, so only the target shows that production traffic began to move. The pass a SUCCESS event
 * sets off takes its answer from the event; every other pass reads.
 */
class DeploymentTrackerEventsTest {
  static final ServiceRef SERVICE = new ServiceRef("prod", "web");

  final FakeCodeDeployGateway codeDeploy = new FakeCodeDeployGateway();
  final DeploymentNews news = new DeploymentNews(Clock.systemUTC());
  final DeploymentTracker tracker =
      new DeploymentTracker(
          codeDeploy.access(), Clock.systemUTC(), Duration.ZERO, id -> true, news);

  @Test
  void theSuccessEventAnswersThePassItSetsOffWithoutARead() {
    codeDeploy.put(shifting());
    tracker.track(null, "d-SHIFT", null, SERVICE);
    Instant ended = Instant.parse("2025-01-01T00:03:00Z");

    news.record(new DeploymentStateChange("d-SHIFT", "SUCCESS", ended));
    var tracked = tracker.track(null, "d-SHIFT", null, SERVICE);

    assertThat(tracked.deployment().state()).isEqualTo(DeploymentState.SUCCEEDED);
    assertThat(tracked.deployment().completeTime()).isEqualTo(ended);
    assertThat(deploymentReads()).isEqualTo(1);
  }

  @Test
  void aPassNoEventSetOffReadsTheDeployment() {
    codeDeploy.put(shifting());
    tracker.track(null, "d-SHIFT", null, SERVICE);
    news.record(new DeploymentStateChange("d-SHIFT", "SUCCESS", null));
    tracker.track(null, "d-SHIFT", null, SERVICE);

    // The safety net's pass after it: the news was taken, so this one reads.
    tracker.track(null, "d-SHIFT", null, SERVICE);

    assertThat(deploymentReads()).isEqualTo(2);
  }

  @Test
  void aDeploymentNeverReadOrBeingRolledBackIsReadWhateverTheEventSays() {
    codeDeploy.put(shifting());
    news.record(new DeploymentStateChange("d-SHIFT", "SUCCESS", null));
    var firstLook = tracker.track(null, "d-SHIFT", null, SERVICE);

    news.record(new DeploymentStateChange("d-SHIFT", "SUCCESS", null));
    tracker.track(null, "d-SHIFT", "d-ROLLBACK", SERVICE);

    assertThat(firstLook.deployment().state()).isEqualTo(DeploymentState.IN_PROGRESS);
    assertThat(deploymentReads()).isEqualTo(2);
  }

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

  private long deploymentReads() {
    return codeDeploy.calls.stream().filter(call -> call.startsWith("ReadDeployments")).count();
  }

  private long targetReads() {
    return codeDeploy.calls.stream().filter(call -> call.startsWith("ReadTarget")).count();
  }

  private static dev.ecsbluegreen.operator.aws.DeploymentSnapshot shifting() {
    return deployment("d-SHIFT").state(DeploymentState.IN_PROGRESS).at("AllowTraffic").build();
  }
}
