package dev.ecsbluegreen.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.config.OperatorConfig;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequeueTest {
  final OperatorConfig config = OperatorConfig.defaults();
  final Facts open =
      Facts.builder()
          .releaseToken("t")
          .releaseGeneration(1L)
          .deploymentId("d-1")
          .deploymentStatus("IN_PROGRESS")
          .build();
  final Facts ended = open.toBuilder().deploymentStatus("SUCCEEDED").completedAt("now").build();

  @Test
  void pollsOftenWhileTrafficMoves() {
    assertThat(
            after(open, Report.reconciling(Phase.ShiftingTraffic, Reasons.TRAFFIC_SHIFTING, "m")))
        .contains(Duration.ofSeconds(5));
  }

  @Test
  void pollsSlowlyWhileBakingOrAwaitingPromotion() {
    assertThat(after(open, Report.reconciling(Phase.Baking, Reasons.BAKING, "m")))
        .contains(Duration.ofSeconds(30));
    assertThat(
            after(
                open, Report.reconciling(Phase.AwaitingPromotion, Reasons.AWAITING_PROMOTION, "m")))
        .contains(Duration.ofSeconds(30));
  }

  @Test
  void misconfiguredReleaseAsksAwsOnlyEveryFewMinutes() {
    assertThat(after(open, Report.stalled(Phase.Failed, Reasons.INVALID_SPEC, "m")))
        .contains(Duration.ofMinutes(3));
  }

  @Test
  void endedReleaseIsNotPolled() {
    assertThat(after(ended, Report.ready(Reasons.DEPLOYMENT_SUCCEEDED, "m"))).isEmpty();
    assertThat(after(ended, Report.stalled(Phase.RolledBack, Reasons.ROLLED_BACK, "m"))).isEmpty();
  }

  @Test
  void stepAfterAMutationIsShort() {
    var plan =
        new Plan(
            new Decision.Start("arn"), open, Report.reconciling(Phase.Deploying, "r", "m"), null);

    assertThat(Requeue.after(plan, config)).contains(config.stepDelay());
  }

  @Test
  void rollbackJustStartedIsFollowedClosely() {
    var plan =
        new Plan(
            new Decision.Stop("d-1"),
            open,
            Report.reconciling(Phase.RollingBack, Reasons.ROLLING_BACK, "m"),
            null);

    assertThat(Requeue.after(plan, config)).contains(config.fastPoll());
  }

  private Optional<Duration> after(Facts facts, Report report) {
    return Requeue.after(new Plan(new Decision.Observe(), facts, report, null), config);
  }
}
