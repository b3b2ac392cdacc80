package dev.ecsbluegreen.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.config.OperatorConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequeueTest {
  static final Instant NOW = Instant.parse("2025-01-01T01:00:00Z");
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
  void aTransientFailureIsRetriedSoonThenLessOftenButNeverGivenUp() {
    assertThat(Requeue.afterTransientFailure(1, config)).isEqualTo(Duration.ofSeconds(1));
    assertThat(Requeue.afterTransientFailure(2, config)).isEqualTo(Duration.ofSeconds(2));
    assertThat(Requeue.afterTransientFailure(5, config)).isEqualTo(Duration.ofSeconds(16));
    assertThat(Requeue.afterTransientFailure(6, config)).isEqualTo(config.slowPoll());
    assertThat(Requeue.afterTransientFailure(1_000, config)).isEqualTo(config.slowPoll());
  }

  @Test
  void aTransientFailureIsRetriedAtLeastEveryTwoMinutesHoweverLongTheIdlePoll() {
    var patient =
        config.withPolls(
            Duration.ofSeconds(10),
            Duration.ofMinutes(5),
            config.stalledPoll(),
            config.stepDelay());
    assertThat(Requeue.afterTransientFailure(1, patient)).isEqualTo(Duration.ofSeconds(2));
    assertThat(Requeue.afterTransientFailure(20, patient)).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void duringAnOutageComesBackWhenTheNextProbeIsDueButNoLaterThanTheIdleInterval() {
    assertThat(Requeue.untilProbe(NOW.plusSeconds(12), config, NOW))
        .isEqualTo(Duration.ofSeconds(12));
    assertThat(Requeue.untilProbe(NOW.plusSeconds(90), config, NOW)).isEqualTo(config.slowPoll());
  }

  @Test
  void whileAProbeIsOutAsksAgainAtTheActivePace() {
    assertThat(Requeue.untilProbe(NOW, config, NOW)).isEqualTo(config.fastPoll());
  }

  @Test
  void stepAfterAMutationIsShort() {
    var plan =
        new Plan(
            new Decision.Start("arn"), open, Report.reconciling(Phase.Deploying, "r", "m"), null);

    assertThat(Requeue.after(plan, config, Optional.empty(), NOW)).contains(config.stepDelay());
  }

  @Test
  void rollbackJustStartedIsFollowedClosely() {
    var plan =
        new Plan(
            new Decision.Stop("d-1"),
            open,
            Report.reconciling(Phase.RollingBack, Reasons.ROLLING_BACK, "m"),
            null);

    assertThat(Requeue.after(plan, config, Optional.empty(), NOW)).contains(config.fastPoll());
  }

  @Test
  void bakingIsLookedAtAgainRightAfterTheTerminationWaitEnds() {
    var baking = Report.reconciling(Phase.Baking, Reasons.BAKING, "m");

    assertThat(after(open, baking, NOW.plusSeconds(20)))
        .contains(Duration.ofSeconds(20).plus(Requeue.DUE_MARGIN));
  }

  @Test
  void aDistantTransitionIsStillCheckedAtTheSafetyNetInterval() {
    var baking = Report.reconciling(Phase.Baking, Reasons.BAKING, "m");

    assertThat(after(open, baking, NOW.plus(Duration.ofMinutes(60)))).contains(config.slowPoll());
  }

  @Test
  void bakingWhoseWaitAlreadyEndedIsFollowedEverySecondThenAtTheActivePace() {
    // Termination wait 0: the target read showed success before the deployment did.
    var baking = Report.reconciling(Phase.Baking, Reasons.BAKING, "m");

    assertThat(after(open, baking, NOW.minusMillis(300))).contains(Duration.ofSeconds(1));
    assertThat(after(open, baking, NOW)).contains(Duration.ofSeconds(1));
    // Due longer ago than an active interval: something else holds it; back to the active pace.
    assertThat(after(open, baking, NOW.minusSeconds(6))).contains(config.fastPoll());
  }

  @Test
  void trafficShiftIsCheckedSlowlyBetweenStepsAndRightAfterTheNext() {
    var shifting = Report.reconciling(Phase.ShiftingTraffic, Reasons.TRAFFIC_SHIFTING, "m");

    assertThat(after(open, shifting, NOW.plus(Duration.ofMinutes(5)))).contains(config.slowPoll());
    assertThat(after(open, shifting, NOW.plusSeconds(12)))
        .contains(Duration.ofSeconds(12).plus(Requeue.DUE_MARGIN));
  }

  @Test
  void readyWaitTimeoutIsLookedAtWhenItFallsDue() {
    var gate = Report.reconciling(Phase.AwaitingPromotion, Reasons.AWAITING_PROMOTION, "m");

    assertThat(after(open, gate, NOW.plusSeconds(7)))
        .contains(Duration.ofSeconds(7).plus(Requeue.DUE_MARGIN));
  }

  @Test
  void aBusyGroupWaitsAtTheIdleIntervalWhateverIsPredicted() {
    var busy = Report.reconciling(Phase.Pending, Reasons.DEPLOYMENT_GROUP_BUSY, "m");

    assertThat(after(open, busy, NOW.plusSeconds(2))).contains(config.slowPoll());
  }

  @Test
  void whileEventsArriveEveryPhaseWaitsTheSafetyNetWhenNothingIsPredicted() {
    var safety = config.events().safetyPoll();

    assertThat(pushed(Report.reconciling(Phase.Deploying, Reasons.DEPLOYMENT_CREATED, "m"), null))
        .contains(safety);
    assertThat(pushed(Report.reconciling(Phase.Baking, Reasons.BAKING, "m"), null))
        .contains(safety);
    assertThat(safety).isGreaterThan(config.slowPoll());
  }

  @Test
  void whileEventsArriveAPredictedTransitionIsStillLookedAtWhenDue() {
    var shifting = Report.reconciling(Phase.ShiftingTraffic, Reasons.TRAFFIC_SHIFTING, "m");

    assertThat(pushed(shifting, NOW.plusSeconds(50)))
        .contains(Duration.ofSeconds(50).plus(Requeue.DUE_MARGIN));
    assertThat(pushed(shifting, NOW.minusSeconds(1))).contains(Requeue.DUE_TICK);
    assertThat(pushed(shifting, NOW.minusSeconds(60))).contains(config.fastPoll());
    assertThat(pushed(shifting, NOW.plus(Duration.ofHours(1))))
        .contains(config.events().safetyPoll());
  }

  @Test
  void whileEventsArriveABusyGroupAndARollbackArePacedAsWithout() {
    var busy = Report.reconciling(Phase.Pending, Reasons.DEPLOYMENT_GROUP_BUSY, "m");
    assertThat(pushed(busy, null)).contains(config.slowPoll());

    var plan =
        new Plan(
            new Decision.Stop("d-1"),
            open,
            Report.reconciling(Phase.RollingBack, Reasons.ROLLING_BACK, "m"),
            null);
    assertThat(Requeue.after(plan, config, Optional.empty(), NOW, true))
        .contains(config.fastPoll());
  }

  @Test
  void withEventsARunningDeploymentIsLookedAtOnTheActiveGridFromWhenItCanFirstEnd() {
    var running = Report.reconciling(Phase.Deploying, Reasons.DEPLOYMENT_CREATED, "m");
    var plan = new Plan(new Decision.Observe(), open, running, null);
    Instant canEnd = NOW.plusMillis(42_300);

    // Before: the first grid instant of the active poll at or after it, not the safety net.
    Instant first =
        NOW.plus(
            Requeue.after(plan, config, Optional.empty(), NOW, true, Optional.of(canEnd)).get());
    assertThat(first).isEqualTo(NOW.plusSeconds(45));
    // After: every active poll on its grid, so releases in the same case are read together.
    Instant later = first.plusMillis(700);
    Instant next =
        later.plus(
            Requeue.after(plan, config, Optional.empty(), later, true, Optional.of(canEnd)).get());
    assertThat(next).isEqualTo(first.plus(config.fastPoll()));
    // A predicted transition that comes sooner still wins; without events nothing changes.
    assertThat(
            Requeue.after(
                plan, config, Optional.of(NOW.plusSeconds(10)), NOW, true, Optional.of(canEnd)))
        .contains(Duration.ofSeconds(11));
    assertThat(Requeue.after(plan, config, Optional.empty(), NOW, false, Optional.of(canEnd)))
        .isEqualTo(Requeue.after(plan, config, Optional.empty(), NOW));
  }

  private Optional<Duration> pushed(Report report, Instant due) {
    return Requeue.after(
        new Plan(new Decision.Observe(), open, report, null),
        config,
        Optional.ofNullable(due),
        NOW,
        true);
  }

  @Test
  void releasesPolledAtTheSamePaceWakeTogether() {
    var shifting = Report.reconciling(Phase.ShiftingTraffic, Reasons.TRAFFIC_SHIFTING, "m");
    var plan = new Plan(new Decision.Observe(), open, shifting, null);
    Instant early = NOW.plusMillis(1_200);
    Instant late = NOW.plusMillis(2_400);

    Instant earlyWakes = early.plus(Requeue.after(plan, config, Optional.empty(), early).get());
    Instant lateWakes = late.plus(Requeue.after(plan, config, Optional.empty(), late).get());

    assertThat(earlyWakes).isEqualTo(lateWakes).isEqualTo(NOW.plusSeconds(5));
  }

  @Test
  void aPassJustBeforeTheGridWaitsForTheOneAfterRatherThanComingAtOnce() {
    Instant justBefore = NOW.minusMillis(100);

    assertThat(Requeue.onGrid(Duration.ofSeconds(5), justBefore))
        .isEqualTo(Duration.ofMillis(5_100));
  }

  @Test
  void transitionsDueInTheSameSecondAreLookedAtTogether() {
    var baking = Report.reconciling(Phase.Baking, Reasons.BAKING, "m");
    var plan = new Plan(new Decision.Observe(), open, baking, null);
    Instant due = NOW.plusSeconds(20);

    Instant one = NOW.plusMillis(300);
    Instant other = NOW.plusMillis(700);
    Instant oneWakes =
        one.plus(Requeue.after(plan, config, Optional.of(due.plusMillis(100)), one).get());
    Instant otherWakes =
        other.plus(Requeue.after(plan, config, Optional.of(due.plusMillis(400)), other).get());

    assertThat(oneWakes)
        .isEqualTo(otherWakes)
        .isEqualTo(due.plus(Requeue.DUE_MARGIN).plusSeconds(1));
  }

  private Optional<Duration> after(Facts facts, Report report) {
    return Requeue.after(
        new Plan(new Decision.Observe(), facts, report, null), config, Optional.empty(), NOW);
  }

  private Optional<Duration> after(Facts facts, Report report, Instant due) {
    return Requeue.after(
        new Plan(new Decision.Observe(), facts, report, null), config, Optional.of(due), NOW);
  }
}
