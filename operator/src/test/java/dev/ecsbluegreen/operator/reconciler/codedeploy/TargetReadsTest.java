package dev.ecsbluegreen.operator.reconciler.codedeploy;

import static dev.ecsbluegreen.operator.fixtures.Deployments.CREATED;
import static dev.ecsbluegreen.operator.fixtures.Deployments.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.aws.DeploymentSnapshot;
import dev.ecsbluegreen.operator.aws.DeploymentState;
import dev.ecsbluegreen.operator.fixtures.Deployments;
import dev.ecsbluegreen.operator.fixtures.FakeCodeDeployGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetReadsTest {
  static final Duration REFRESH = Duration.ofSeconds(30);
  static final Instant NOW = CREATED.plusSeconds(60);

  final FakeCodeDeployGateway codeDeploy = new FakeCodeDeployGateway();
  final TargetReads targets = new TargetReads(REFRESH);

  @Test
  void readsTheTargetOnceWhileNothingChanged() {
    var installing = put(deployment("d-1").at("Install").build());

    var first = targets.withTarget(codeDeploy, List.of(), installing.withTarget(null), NOW);
    var second =
        targets.withTarget(codeDeploy, List.of(), installing.withTarget(null), NOW.plusSeconds(29));

    assertThat(first.target()).isEqualTo(installing.target());
    assertThat(second.target()).isEqualTo(installing.target());
    assertThat(targetReads()).isEqualTo(1);
  }

  @Test
  void readsAgainOnceTheRefreshIntervalPassedWhileHooksRun() {
    var installing = put(deployment("d-1").at("Install").build());
    targets.withTarget(codeDeploy, List.of(), installing.withTarget(null), NOW);
    var testing = put(deployment("d-1").at("AfterAllowTestTraffic").build());

    var later =
        targets.withTarget(codeDeploy, List.of(), testing.withTarget(null), NOW.plus(REFRESH));

    assertThat(later.target()).isEqualTo(testing.target());
    assertThat(targetReads()).isEqualTo(2);
  }

  @Test
  void readsAgainAtOnceWhenTheDeploymentsStateChanged() {
    var installing = put(deployment("d-1").at("Install").build());
    targets.withTarget(codeDeploy, List.of(), installing.withTarget(null), NOW);
    var ready = put(deployment("d-1").state(DeploymentState.READY).target("Ready").build());

    var seen =
        targets.withTarget(codeDeploy, List.of(), ready.withTarget(null), NOW.plusSeconds(1));

    assertThat(seen.target().status()).isEqualTo("Ready");
    assertThat(targetReads()).isEqualTo(2);
  }

  @Test
  void readsAgainWhenATrafficStepTheLastTargetPredictedIsDue() {
    var canary = put(canaryAtItsFirstStep().keepsBlue(30).build());
    var slow = new TargetReads(Duration.ofHours(1));
    slow.withTarget(codeDeploy, List.of(), canary.withTarget(null), NOW);

    slow.withTarget(codeDeploy, List.of(), canary.withTarget(null), CREATED.plusSeconds(299));
    assertThat(targetReads()).isEqualTo(1);
    slow.withTarget(codeDeploy, List.of(), canary.withTarget(null), CREATED.plusSeconds(300));
    assertThat(targetReads()).isEqualTo(2);
    // Still showing the step due: read once after the instant, not on every pass that follows.
    slow.withTarget(codeDeploy, List.of(), canary.withTarget(null), CREATED.plusSeconds(301));
    slow.withTarget(codeDeploy, List.of(), canary.withTarget(null), CREATED.plusSeconds(302));
    assertThat(targetReads()).isEqualTo(2);
  }

  @Test
  void betweenPredictedTrafficStepsTheTargetIsNotRefreshed() {
    var canary = put(canaryAtItsFirstStep().keepsBlue(30).build());
    targets.withTarget(codeDeploy, List.of(), canary.withTarget(null), NOW);

    // Several refresh intervals pass before the step at the fifth minute: nothing to read.
    for (long second = 90; second < 300; second += REFRESH.toSeconds()) {
      targets.withTarget(
          codeDeploy, List.of(), canary.withTarget(null), CREATED.plusSeconds(second));
    }
    assertThat(targetReads()).isEqualTo(1);
    targets.withTarget(codeDeploy, List.of(), canary.withTarget(null), CREATED.plusSeconds(300));
    assertThat(targetReads()).isEqualTo(2);
  }

  /**
   * With blue not kept, CodeDeploy ends the deployment a listener update after its last step: the
   * deployment's state shows the step, and the end's read gives the final target. One read fewer a
   * deployment, in the lane the status of every running deployment waits in.
   */
  @Test
  void theLastStepIsSeenThroughTheDeploymentsEndWhenBlueIsNotKept() {
    var canary = put(canaryAtItsFirstStep().build());
    targets.withTarget(codeDeploy, List.of(), canary.withTarget(null), NOW);

    for (long second = 300; second < 306; second++) {
      targets.withTarget(
          codeDeploy, List.of(), canary.withTarget(null), CREATED.plusSeconds(second));
    }
    assertThat(targetReads()).isEqualTo(1);
    var succeeded = put(deployment("d-1").state(DeploymentState.SUCCEEDED).build());
    var seen =
        targets.withTarget(
            codeDeploy, List.of(), succeeded.withTarget(null), CREATED.plusSeconds(306));

    assertThat(seen.target()).isEqualTo(succeeded.target());
    assertThat(targetReads()).isEqualTo(2);
  }

  @Test
  void theLastStepIsReadForWhenTheDeploymentStillRunsARefreshIntervalAfterIt() {
    var canary = put(canaryAtItsFirstStep().build());
    targets.withTarget(codeDeploy, List.of(), canary.withTarget(null), NOW);
    var hookAfterShift =
        put(
            deployment("d-1")
                .config(canary.deploymentConfig())
                .at("AfterAllowTraffic")
                .green(100)
                .build());

    var before =
        targets.withTarget(
            codeDeploy, List.of(), hookAfterShift.withTarget(null), CREATED.plusSeconds(329));
    var after =
        targets.withTarget(
            codeDeploy, List.of(), hookAfterShift.withTarget(null), CREATED.plusSeconds(330));

    assertThat(before.target()).isEqualTo(canary.target());
    assertThat(after.target()).isEqualTo(hookAfterShift.target());
    assertThat(targetReads()).isEqualTo(2);
  }

  @Test
  void aLinearStepBeforeTheLastIsReadWhenDue() {
    var linear =
        put(
            deployment("d-1")
                .config("ecs-bluegreen.Linear25PercentEvery1Minutes")
                .at("AllowTraffic")
                .green(50)
                .build());
    targets.withTarget(codeDeploy, List.of(), linear.withTarget(null), NOW);

    // 50 % shows two steps taken; the third (75 %) is due two minutes after the start.
    targets.withTarget(codeDeploy, List.of(), linear.withTarget(null), CREATED.plusSeconds(120));

    assertThat(targetReads()).isEqualTo(2);
  }

  @Test
  void aShiftNothingPredictsIsRefreshed() {
    var allAtOnce =
        put(
            deployment("d-1")
                .config("CodeDeployDefault.ECSAllAtOnce")
                .at("AllowTraffic")
                .green(0)
                .build());
    targets.withTarget(codeDeploy, List.of(), allAtOnce.withTarget(null), NOW);

    targets.withTarget(codeDeploy, List.of(), allAtOnce.withTarget(null), NOW.plus(REFRESH));

    assertThat(targetReads()).isEqualTo(2);
  }

  @Test
  void aTargetWaitingAtTheGateIsNotReadAgainUntilTheStateChanges() {
    var ready = put(deployment("d-1").state(DeploymentState.READY).target("Ready").build());
    targets.withTarget(codeDeploy, List.of(), ready.withTarget(null), NOW);

    targets.withTarget(
        codeDeploy, List.of(), ready.withTarget(null), NOW.plus(REFRESH.multipliedBy(10)));

    assertThat(targetReads()).isEqualTo(1);
  }

  @Test
  void anEndedDeploymentsTargetIsReadOnce() {
    var failed = put(deployment("d-1").failedAt("AfterAllowTestTraffic", "HOOK", "m").build());
    targets.withTarget(codeDeploy, List.of(), failed.withTarget(null), NOW);

    var later =
        targets.withTarget(
            codeDeploy, List.of(), failed.withTarget(null), NOW.plus(Duration.ofDays(1)));

    assertThat(later.target()).isEqualTo(failed.target());
    assertThat(targetReads()).isEqualTo(1);
  }

  @Test
  void noTargetIsReadBeforeTheDeploymentStarted() {
    var created = put(deployment("d-1").state(DeploymentState.CREATED).build());

    var seen = targets.withTarget(codeDeploy, List.of(), created.withTarget(null), NOW);

    assertThat(seen.target()).isNull();
    assertThat(targetReads()).isZero();
  }

  @Test
  void theTargetIsReadOnceMoreWhenTheDeploymentSucceeded() {
    var baking = put(deployment("d-1").targetSucceeded().build());
    targets.withTarget(codeDeploy, List.of(), baking.withTarget(null), NOW);
    var succeeded =
        put(deployment("d-1").state(DeploymentState.SUCCEEDED).targetSucceeded().build());

    targets.withTarget(codeDeploy, List.of(), succeeded.withTarget(null), NOW.plusSeconds(1));
    targets.withTarget(codeDeploy, List.of(), succeeded.withTarget(null), NOW.plusSeconds(600));

    assertThat(targetReads()).isEqualTo(2);
  }

  @Test
  void withEventsARunningOrSucceededDeploymentsTargetIsNotReadFirst() {
    var installing = put(deployment("d-1").at("Install").build());
    var succeeded =
        put(deployment("d-2").state(DeploymentState.SUCCEEDED).targetSucceeded().build());

    var running = pushed(installing, NOW);
    pushed(installing, NOW.plus(REFRESH.multipliedBy(10)));
    var ended = pushed(succeeded, NOW);

    assertThat(running.target()).isNull();
    assertThat(ended.target()).isNull();
    assertThat(targetReads()).isZero();
  }

  @Test
  void withEventsTheTargetIsReadOnceForEachChangeAnEventReports() {
    var ready = put(deployment("d-1").state(DeploymentState.READY).target("Ready").build());
    pushed(ready, NOW);
    pushed(ready, NOW.plus(REFRESH.multipliedBy(10)));
    assertThat(targetReads()).isEqualTo(1);

    // Promoted: the state moved on, so the target is read for it, then not on a schedule.
    var testing = put(deployment("d-1").at("AfterAllowTraffic").build());
    var seen = pushed(testing, NOW.plusSeconds(700));
    pushed(testing, NOW.plusSeconds(700).plus(REFRESH.multipliedBy(10)));
    assertThat(seen.target()).isEqualTo(testing.target());
    assertThat(targetReads()).isEqualTo(2);

    var failed = put(deployment("d-3").failedAt("AfterAllowTestTraffic", "HOOK", "m").build());
    assertThat(pushed(failed, NOW).target()).isEqualTo(failed.target());
    assertThat(targetReads()).isEqualTo(3);
  }

  @Test
  void withEventsATrafficStepTheLastTargetPredictedIsStillReadWhenDue() {
    var canary = put(canaryAtItsFirstStep().keepsBlue(30).build());
    targets.withTarget(codeDeploy, List.of(), canary.withTarget(null), NOW);

    pushed(canary, CREATED.plusSeconds(299));
    assertThat(targetReads()).isEqualTo(1);
    pushed(canary, CREATED.plusSeconds(300));
    assertThat(targetReads()).isEqualTo(2);
  }

  private DeploymentSnapshot pushed(DeploymentSnapshot deployment, Instant now) {
    return targets.withTarget(codeDeploy, List.of(), deployment.withTarget(null), now, true);
  }

  /** A canary of 10 % for 5 minutes whose first step was taken as the deployment was created. */
  private static Deployments canaryAtItsFirstStep() {
    return deployment("d-1")
        .config("ecs-bluegreen.Canary10Percent5Minutes")
        .at("AllowTraffic")
        .green(10);
  }

  private DeploymentSnapshot put(DeploymentSnapshot deployment) {
    codeDeploy.put(deployment);
    return deployment;
  }

  private long targetReads() {
    return codeDeploy.calls.stream().filter(c -> c.startsWith("ReadTarget")).count();
  }
}
