package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static dev.ecsbluegreen.operator.reconciler.EcsReleaseLifecycleIT.hook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.ActionResult;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsCanary;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsLifecycleHook;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsLifecycleHook.EcsHookStage;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec.EcsStrategy;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.operator.fixtures.Releases;
import dev.ecsbluegreen.simulator.http.Faults.ServerError;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ECS native releases through an operator restart in every phase and a lost answer to every call
 * that changes AWS: each release resumes where it stood and ends in the right phase with one task
 * definition revision and one service deployment per generation. The SDK makes one attempt per call
 * here, so every dropped answer reaches the reconciler.
 */
class EcsReleaseRecoveryIT extends HarnessScenarios {
  /** The calls that change AWS; a restart after the release settled must make none of them. */
  private static final List<String> MUTATIONS =
      List.of(
          "RegisterTaskDefinition",
          "UpdateService",
          "StopServiceDeployment",
          "ContinueServiceDeployment");

  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return OperatorHarness.ecsNative(
        kubernetes,
        1,
        "nrregister",
        "nrdeploying",
        "nrtest",
        "nrgate",
        "nrshift",
        "nrbake",
        "nrrollingback",
        "nrsucceeded",
        "nrrolledback",
        "nlostreg",
        "nlostupdate",
        "nloststop",
        "nlostcontinue");
  }

  @AfterEach
  void clearFaults() {
    harness.sim.faults().clear();
  }

  private static Releases ecs(String lane, EcsStrategy strategy, int bakeMinutes) {
    var canary = strategy == EcsStrategy.Canary ? new EcsCanary(10.0, 30) : null;
    return release(lane).ecs(new EcsSpec(strategy, null, canary, bakeMinutes, null, null, null));
  }

  private static Releases withHooks(String lane, EcsLifecycleHook... hooks) {
    return release(lane)
        .ecs(new EcsSpec(EcsStrategy.BlueGreen, null, null, 0, null, List.of(hooks), null));
  }

  // ---- restart in every phase ----

  @Test
  void restartWhileRegisteringTaskDefinitionDeploysTheRevisionItRegistered() {
    // UpdateService fails until the restart, so the release stays where registering left it.
    harness.sim.faults().serverError("UpdateService", 1.0, ServerError.INTERNAL_FAILURE);
    restartIn(
        "nrregister",
        ecs("nrregister", EcsStrategy.BlueGreen, 0).build(),
        Phase.RegisteringTaskDefinition,
        s -> s.taskDefinitionArn() != null);
    assertOneDeploymentSucceeded("nrregister");
  }

  @Test
  void restartWhileDeployingResumesTheScaleUp() {
    restartIn(
        "nrdeploying",
        withHooks("nrdeploying", hook(OperatorHarness.SLOW_ECS_HOOK, EcsHookStage.POST_SCALE_UP))
            .build(),
        Phase.Deploying,
        s -> s.deploymentId() != null);
    assertOneDeploymentSucceeded("nrdeploying");
  }

  @Test
  void restartWhileTestTrafficResumesIt() {
    restartIn(
        "nrtest",
        withHooks(
                "nrtest", hook(OperatorHarness.SLOW_ECS_HOOK, EcsHookStage.POST_TEST_TRAFFIC_SHIFT))
            .build(),
        Phase.TestTraffic,
        s -> true);
    assertOneDeploymentSucceeded("nrtest");
  }

  @Test
  void restartWhileAwaitingPromotionKeepsWaitingForIt() {
    restartIn(
        "nrgate",
        ecs("nrgate", EcsStrategy.BlueGreen, 0).manualPromotion().build(),
        Phase.AwaitingPromotion,
        s -> true);
    harness.clock.advance(Duration.ofMinutes(30));
    assertThat(harness.awaitPhase("nrgate", Phase.AwaitingPromotion).traffic().green()).isZero();
    harness.annotate("nrgate", Actions.PROMOTE);
    assertOneDeploymentSucceeded("nrgate");
  }

  @Test
  void restartWhileShiftingTrafficResumesIt() {
    restartIn(
        "nrshift",
        ecs("nrshift", EcsStrategy.Canary, 0).build(),
        Phase.ShiftingTraffic,
        s -> s.traffic().green() == 10);
    assertOneDeploymentSucceeded("nrshift");
  }

  @Test
  void restartWhileBakingResumesIt() {
    restartIn("nrbake", ecs("nrbake", EcsStrategy.BlueGreen, 30).build(), Phase.Baking, s -> true);
    assertOneDeploymentSucceeded("nrbake");
  }

  @Test
  void restartWhileRollingBackEndsRolledBack() {
    // The hook fails with test traffic on the new revision; the rollback then runs the slow hook
    // of PRODUCTION_TRAFFIC_SHIFT again, which holds it in RollingBack across the restart.
    restartIn(
        "nrrollingback",
        withHooks(
                "nrrollingback",
                hook("CodeDeployHook_fail", EcsHookStage.POST_TEST_TRAFFIC_SHIFT),
                hook(OperatorHarness.SLOW_ECS_HOOK, EcsHookStage.PRODUCTION_TRAFFIC_SHIFT))
            .build(),
        Phase.RollingBack,
        s -> true);
    var status = harness.awaitPhase("nrrollingback", Phase.RolledBack);

    assertThat(status.message()).contains("CodeDeployHook_fail");
    assertThat(status.history()).extracting(h -> h.outcome()).containsExactly(Phase.RolledBack);
    assertThat(harness.serviceDeployments("nrrollingback"))
        .singleElement()
        .satisfies(d -> assertThat(d.statusAsString()).isEqualTo("ROLLBACK_SUCCESSFUL"));
    assertThat(harness.servingTaskDefinitions("nrrollingback"))
        .singleElement()
        .satisfies(arn -> assertThat(arn).endsWith("nrrollingback:1"));
  }

  @Test
  void restartAfterSucceededStartsNothing() {
    var before =
        restartIn(
            "nrsucceeded",
            ecs("nrsucceeded", EcsStrategy.BlueGreen, 0).build(),
            Phase.Succeeded,
            s -> true);

    var after = passedAgainWithoutChangingAws("nrsucceeded", before);

    assertThat(after.phase()).isEqualTo(Phase.Succeeded);
    assertThat(after.history()).isEqualTo(before.history());
    assertThat(harness.serviceDeployments("nrsucceeded")).hasSize(1);
    assertThat(harness.servingTaskDefinitions("nrsucceeded"))
        .singleElement()
        .satisfies(arn -> assertThat(arn).endsWith("nrsucceeded:2"));
  }

  @Test
  void restartAfterRolledBackStartsNothing() {
    var before =
        restartIn(
            "nrrolledback",
            withHooks(
                    "nrrolledback",
                    hook("CodeDeployHook_fail", EcsHookStage.POST_TEST_TRAFFIC_SHIFT))
                .build(),
            Phase.RolledBack,
            s -> true);

    var after = passedAgainWithoutChangingAws("nrrolledback", before);

    assertThat(after.phase()).isEqualTo(Phase.RolledBack);
    assertThat(after.history()).isEqualTo(before.history());
    assertThat(harness.serviceDeployments("nrrolledback")).hasSize(1);
    assertThat(harness.servingTaskDefinitions("nrrolledback"))
        .singleElement()
        .satisfies(arn -> assertThat(arn).endsWith("nrrolledback:1"));
  }

  // ---- lost answers ----

  @Test
  void lostRegisterAnswerRegistersOneRevisionOnly() {
    long registers = harness.sim.callLog().count("RegisterTaskDefinition");
    harness.sim.faults().applyThenDropNext("RegisterTaskDefinition", 1);

    harness.apply(ecs("nlostreg", EcsStrategy.BlueGreen, 0).build());
    var status = harness.awaitPhase("nlostreg", Phase.Succeeded);

    assertThat(harness.sim.callLog().count("RegisterTaskDefinition") - registers).isEqualTo(1);
    assertThat(harness.revisions("nlostreg")).hasSize(2);
    assertThat(status.taskDefinitionArn()).endsWith("nlostreg:2");
    assertOneDeploymentSucceeded("nlostreg");
  }

  @Test
  void lostUpdateServiceAnswerAdoptsTheDeploymentInsteadOfStartingAnother() {
    long updates = harness.sim.callLog().count("UpdateService");
    harness.sim.faults().applyThenDropNext("UpdateService", 1);

    harness.apply(ecs("nlostupdate", EcsStrategy.BlueGreen, 0).build());
    var status = harness.awaitPhase("nlostupdate", Phase.Succeeded);

    assertThat(harness.sim.callLog().count("UpdateService") - updates).isEqualTo(1);
    assertThat(harness.serviceDeployments("nlostupdate"))
        .singleElement()
        .satisfies(d -> assertThat(d.serviceDeploymentArn()).isEqualTo(status.deploymentId()));
  }

  @Test
  void lostStopAnswerRequestsTheRollbackOnceAndEndsRolledBack() {
    // The slow hook holds production traffic's shift, where a rollback is a stop, and runs again
    // as ECS rolls back, so the pass after the lost answer finds the rollback still under way.
    harness.apply(
        withHooks(
                "nloststop",
                hook(OperatorHarness.SLOW_ECS_HOOK, EcsHookStage.PRODUCTION_TRAFFIC_SHIFT))
            .build());
    var waiting = harness.awaitPhase("nloststop", Phase.ShiftingTraffic);
    long stops = harness.sim.callLog().count("StopServiceDeployment");
    harness.sim.faults().applyThenDropNext("StopServiceDeployment", 1);

    harness.annotate("nloststop", Actions.ROLLBACK, "INC-9");
    var status = harness.awaitPhase("nloststop", Phase.RolledBack);

    assertThat(harness.sim.callLog().count("StopServiceDeployment") - stops).isEqualTo(1);
    assertThat(status.deploymentId()).isEqualTo(waiting.deploymentId());
    assertThat(status.message()).contains("StopServiceDeployment");
    // The pass that stopped it lost its answer; the next one found it rolling back already.
    assertThat(status.actions().rollback().handled()).isEqualTo("INC-9");
    assertThat(status.actions().rollback().message()).contains("already rolling back");
    assertThat(harness.serviceDeployments("nloststop"))
        .singleElement()
        .satisfies(d -> assertThat(d.statusAsString()).isEqualTo("ROLLBACK_SUCCESSFUL"));
    assertThat(harness.servingTaskDefinitions("nloststop"))
        .singleElement()
        .satisfies(arn -> assertThat(arn).endsWith("nloststop:1"));
  }

  @Test
  void lostContinueAnswerPromotesOnce() {
    harness.apply(ecs("nlostcontinue", EcsStrategy.BlueGreen, 0).manualPromotion().build());
    harness.awaitPhase("nlostcontinue", Phase.AwaitingPromotion);
    long continues = harness.sim.callLog().count("ContinueServiceDeployment");
    harness.sim.faults().applyThenDropNext("ContinueServiceDeployment", 1);

    harness.annotate("nlostcontinue", Actions.PROMOTE, "go");
    var status = harness.awaitPhase("nlostcontinue", Phase.Succeeded);

    assertThat(harness.sim.callLog().count("ContinueServiceDeployment") - continues).isEqualTo(1);
    assertThat(status.actions().promote().handled()).isEqualTo("go");
    assertOneDeploymentSucceeded("nlostcontinue");
  }

  /**
   * Applies the release, waits until it shows the phase (and the extra condition), then stops the
   * operator, clears the faults, moves time on a minute and starts it again.
   *
   * @return the status the stopped operator left
   */
  private EcsBlueGreenReleaseStatus restartIn(
      String name,
      EcsBlueGreenRelease release,
      Phase phase,
      Predicate<EcsBlueGreenReleaseStatus> also) {
    harness.apply(release);
    var reached = harness.awaitRelease(name, s -> s.phase() == phase && also.test(s));
    assertThat(reached.phase()).isEqualTo(phase);
    harness.stopOperator();
    harness.sim.faults().clear();
    harness.clock.advance(Duration.ofMinutes(1));
    harness.startOperator();
    return reached;
  }

  /**
   * Waits for two passes of the restarted operator on a settled release, ten simulated minutes
   * apart (an action request it answers proves a pass happened), and checks that neither changed
   * anything in AWS.
   */
  private EcsBlueGreenReleaseStatus passedAgainWithoutChangingAws(
      String name, EcsBlueGreenReleaseStatus before) {
    long mutations = mutations();
    harness.annotate(name, Actions.PROMOTE, "after-restart");
    harness.awaitRelease(name, s -> s.actions() != null && s.actions().promote() != null);
    harness.clock.advance(Duration.ofMinutes(10));
    harness.annotate(name, Actions.SKIP_BAKE, "after-restart");
    var after =
        harness.awaitRelease(name, s -> s.actions() != null && s.actions().skipBake() != null);

    assertThat(after.actions().promote().result()).isEqualTo(ActionResult.Ignored);
    assertThat(after.actions().skipBake().result()).isEqualTo(ActionResult.Ignored);
    assertThat(after.deploymentId()).isEqualTo(before.deploymentId());
    assertThat(mutations()).isEqualTo(mutations);
    return after;
  }

  private long mutations() {
    return MUTATIONS.stream().mapToLong(op -> harness.sim.callLog().count(op)).sum();
  }

  private void assertOneDeploymentSucceeded(String lane) {
    var status = harness.awaitPhase(lane, Phase.Succeeded);
    assertThat(harness.revisions(lane)).hasSize(2);
    assertThat(harness.serviceDeployments(lane))
        .singleElement()
        .satisfies(d -> assertThat(d.serviceDeploymentArn()).isEqualTo(status.deploymentId()));
    assertThat(status.history()).hasSize(1);
    assertThat(harness.servingTaskDefinitions(lane))
        .singleElement()
        .satisfies(arn -> assertThat(arn).endsWith(lane + ":2"));
  }
}
