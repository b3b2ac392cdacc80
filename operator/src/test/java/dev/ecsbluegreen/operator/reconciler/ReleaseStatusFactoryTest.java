package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Deployments.deployment;
import static dev.ecsbluegreen.operator.reconciler.ReleasePlannerTest.release;
import static dev.ecsbluegreen.operator.reconciler.ReleasePlannerTest.tracking;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.ActionResult;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.HandledAction;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.errors.AwsBudgetWaitException;
import dev.ecsbluegreen.operator.errors.TransientAwsException;
import dev.ecsbluegreen.operator.fixtures.Passes;
import dev.ecsbluegreen.operator.reconciler.Observation.Stage;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReleaseStatusFactoryTest {
  static final Instant T1 = Instant.parse("2025-01-01T01:00:00Z");
  static final Instant T2 = Instant.parse("2025-01-01T02:00:00Z");

  final ReleaseStatusFactory factory = new ReleaseStatusFactory();
  final ReleasePlanner planner = new ReleasePlanner();

  @Test
  void writesTheThreeConditionsWithObservedGeneration() {
    var status = shifting(release(3, tracking(3, "d-1")), T1);

    assertThat(status.observedGeneration()).isEqualTo(3L);
    assertThat(status.conditions())
        .extracting(c -> c.getType() + "=" + c.getStatus())
        .containsExactly("Ready=False", "Reconciling=True", "Stalled=False");
    assertThat(status.conditions())
        .allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(3L));
    assertThat(status.conditions())
        .allSatisfy(c -> assertThat(c.getReason()).isEqualTo("TrafficShifting"));
  }

  @Test
  void keepsTransitionTimesWhileNothingChanges() {
    var first = shifting(release(1, tracking(1, "d-1")), T1);

    var second = shifting(release(1, first), T2);

    assertThat(second.conditions())
        .allSatisfy(c -> assertThat(c.getLastTransitionTime()).isEqualTo(T1.toString()));
    assertThat(second).isEqualTo(first);
  }

  @Test
  void keepsTransitionTimesWhenOnlyTheReasonChanges() {
    var first = shifting(release(1, tracking(1, "d-1")), T1);
    var release = release(1, first);
    var baking = deployment("d-1").targetSucceeded().green(100).build();

    var second = build(release, Observation.tracked(baking, null), T2);

    assertThat(second.phase()).isEqualTo(Phase.Baking);
    assertThat(second.conditions())
        .allSatisfy(c -> assertThat(c.getReason()).isEqualTo("Baking"))
        .allSatisfy(c -> assertThat(c.getLastTransitionTime()).isEqualTo(T1.toString()));
  }

  @Test
  void movesTransitionTimesOfTheConditionsWhoseStatusChanges() {
    var first = shifting(release(1, tracking(1, "d-1")), T1);
    var succeeded =
        deployment("d-1")
            .state(dev.ecsbluegreen.operator.aws.DeploymentState.SUCCEEDED)
            .completedAt(T2)
            .build();

    var second = build(release(1, first), Observation.tracked(succeeded, null), T2);

    assertThat(second.conditions())
        .extracting(c -> c.getType() + "=" + c.getStatus() + "@" + c.getLastTransitionTime())
        .containsExactly("Ready=True@" + T2, "Reconciling=False@" + T2, "Stalled=False@" + T1);
  }

  @Test
  void fillsTheColumnsFromTheDeployment() {
    var status = shifting(release(1, tracking(1, "d-1")), T1);

    assertThat(status.traffic().green()).isEqualTo(10);
    assertThat(status.traffic().blue()).isEqualTo(90);
    assertThat(status.taskDefinition()).isEqualTo("web:2");
    assertThat(status.deploymentId()).isEqualTo("d-1");
    assertThat(status.lifecycleEvents()).hasSize(8);
    assertThat(status.startedAt()).isNotNull();
  }

  @Test
  void reportsTheConfigCodeDeployUsesAndKeepsItOnceSettled() {
    var canary = "CodeDeployDefault.ECSCanary10Percent5Minutes";
    var running = deployment("d-1").at("AllowTraffic").green(10).config(canary).build();
    var first = build(release(1, tracking(1, "d-1")), Observation.tracked(running, null), T1);
    var ended =
        deployment("d-1")
            .state(dev.ecsbluegreen.operator.aws.DeploymentState.SUCCEEDED)
            .config(canary)
            .completedAt(T2)
            .build();
    var done = build(release(1, first), Observation.tracked(ended, null), T2);

    var settled = build(release(1, done), Observation.only(Stage.SETTLED), T2.plusSeconds(60));

    assertThat(first.deploymentConfig()).isEqualTo(canary);
    assertThat(settled.phase()).isEqualTo(Phase.Succeeded);
    assertThat(settled.deploymentConfig()).isEqualTo(canary);
  }

  @Test
  void keepsOnlyTheLastTenReleasesNewestFirst() {
    var facts = Facts.from(tracking(1, "d-0"));
    for (int i = 1; i <= 12; i++) {
      facts = facts.completed("t" + i, Phase.Succeeded, "release " + i);
    }

    assertThat(facts.history()).hasSize(10);
    assertThat(facts.history().get(0).message()).isEqualTo("release 12");
    assertThat(facts.history().get(9).message()).isEqualTo("release 3");
  }

  @Test
  void retriedErrorKeepsPhaseAndFactsAndNotesTheRetry() {
    var previous = shifting(release(1, tracking(1, "d-1")), T1);

    var status =
        factory.withRetriedError(
            previous,
            new TransientAwsException("Rate exceeded", "ThrottlingException", true, null));

    assertThat(status.phase()).isEqualTo(previous.phase());
    assertThat(status.deploymentId()).isEqualTo("d-1");
    assertThat(status.message()).contains("Rate exceeded").contains("retrying");
    assertThat(Conditions.find(status.conditions(), "Reconciling").get().getReason())
        .isEqualTo("AwsThrottled");
  }

  @Test
  void theSameErrorRetriedAgainGivesTheSameStatusWithItsTransitionTime() {
    var previous = shifting(release(1, tracking(1, "d-1")), T1);
    var outage =
        new TransientAwsException("Service unavailable", "ServiceUnavailable", false, null);

    var once = factory.withRetriedError(previous, outage);
    var twice = factory.withRetriedError(once, outage);

    assertThat(twice).isEqualTo(once);
    assertThat(Conditions.find(twice.conditions(), "Reconciling").get().getLastTransitionTime())
        .isEqualTo(T1.toString());
  }

  @Test
  void aBudgetWaitIsNotedOnceAsAWaitNotAnError() {
    var previous = shifting(release(1, tracking(1, "d-1")), T1);
    var first =
        new AwsBudgetWaitException(
            "Waiting for the operator's CodeDeploy request budget in us-east-1: 412 releases ahead",
            Duration.ofSeconds(41),
            412);
    var later =
        new AwsBudgetWaitException(
            "Waiting for the operator's CodeDeploy request budget in us-east-1: 3 releases ahead",
            Duration.ofSeconds(1),
            3);

    var noted = factory.withRetriedError(previous, first);
    var again = factory.withRetriedError(noted, later);

    assertThat(noted.message())
        .isEqualTo(
            "Waiting for the operator's CodeDeploy request budget in us-east-1: 412 releases"
                + " ahead");
    assertThat(Conditions.find(noted.conditions(), "Reconciling").get().getReason())
        .isEqualTo("WaitingForRequestBudget");
    assertThat(noted.phase()).isEqualTo(previous.phase());
    assertThat(again).as("not written again while the wait goes on").isSameAs(noted);
  }

  @Test
  void recordsAnsweredActionRequestsAndKeepsTheOthers() {
    var promoted = new Plan.Ack(Actions.PROMOTE, "2025-01-01T00:59:00Z", true, "Promoted d-1");
    var first = withAck(release(1, tracking(1, "d-1")), promoted, T1);
    var ignored = new Plan.Ack(Actions.RETRY, "ticket-42", false, "retry applies only after");

    var second = withAck(release(1, first), ignored, T2);

    assertThat(second.actions().promote())
        .isEqualTo(
            new HandledAction(
                "2025-01-01T00:59:00Z", T1.toString(), ActionResult.Applied, "Promoted d-1"));
    assertThat(second.actions().retry())
        .isEqualTo(
            new HandledAction(
                "ticket-42", T2.toString(), ActionResult.Ignored, "retry applies only after"));
    assertThat(second.actions().rollback()).isNull();
    assertThat(shifting(release(1, second), T2).actions()).isEqualTo(second.actions());
  }

  @Test
  void aConflictWithOnlyMetadataOrSpecChangesKeepsWhatThePassBuilt() {
    var read = shifting(release(1, tracking(1, "d-1")), T1);
    var promoted = new Plan.Ack(Actions.PROMOTE, "p-1", true, "Promoted d-1");
    var built = withAck(release(1, read), promoted, T2);

    // The fresh copy has a new generation and a new request, but the same status.
    assertThat(factory.rebase(built, read, read, java.util.List.of(promoted), T2))
        .isEqualTo(built)
        .satisfies(s -> assertThat(s.observedGeneration()).isEqualTo(1L));
  }

  @Test
  void aStatusThatMovedOnKeepsAnswersAlreadyThereAndGetsThisPassesOthers() {
    var read = shifting(release(1, tracking(1, "d-1")), T1);
    var rolledBack = new Plan.Ack(Actions.ROLLBACK, "r-1", true, "Stopped d-1");
    var fresh = withAck(release(1, read), rolledBack, T1);
    // This pass read the status before that answer and saw only the rollback's effect.
    var seenLate = new Plan.Ack(Actions.ROLLBACK, "r-1", false, "nothing to roll back");
    var promote = new Plan.Ack(Actions.PROMOTE, "p-1", false, "nothing waits for a promotion");
    var built = withAck(release(1, read), seenLate, T2);

    var rebased = factory.rebase(built, read, fresh, java.util.List.of(seenLate, promote), T2);

    assertThat(rebased.actions().rollback()).isEqualTo(fresh.actions().rollback());
    assertThat(rebased.actions().promote().handled()).isEqualTo("p-1");
    assertThat(rebased.deploymentId()).isEqualTo(built.deploymentId());
    assertThat(rebased.observedGeneration()).isEqualTo(built.observedGeneration());
  }

  @Test
  void newAttemptClearsThePreviousDeploymentButKeepsHistory() {
    var ended =
        deployment("d-1")
            .state(dev.ecsbluegreen.operator.aws.DeploymentState.SUCCEEDED)
            .completedAt(T1)
            .build();
    var done = build(release(1, tracking(1, "d-1")), Observation.tracked(ended, null), T1);

    var next = build(release(2, done), Observation.only(Stage.NEW), T2);

    assertThat(next.deploymentId()).isNull();
    assertThat(next.completedAt()).isNull();
    assertThat(next.lifecycleEvents()).isNull();
    assertThat(next.phase()).isEqualTo(Phase.Pending);
    assertThat(next.history()).hasSize(1);
  }

  private EcsBlueGreenReleaseStatus shifting(
      dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease release, Instant now) {
    return build(
        release,
        Observation.tracked(deployment("d-1").at("AllowTraffic").green(10).build(), null),
        now);
  }

  /** A pass that answers one action request while the deployment shifts traffic. */
  private EcsBlueGreenReleaseStatus withAck(
      dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease release,
      Plan.Ack ack,
      Instant now) {
    var observation =
        Observation.tracked(deployment("d-1").at("AllowTraffic").green(10).build(), null);
    var pass = Passes.codeDeploy(release);
    var plan = planner.decide(pass, observation, now).withAck(ack);
    return factory.build(pass, observation, plan, now);
  }

  private EcsBlueGreenReleaseStatus build(
      dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease release,
      Observation observation,
      Instant now) {
    var pass = Passes.codeDeploy(release);
    return factory.build(pass, observation, planner.decide(pass, observation, now), now);
  }
}
