package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static dev.ecsbluegreen.operator.reconciler.ReleaseLifecycleIT.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.api.v1alpha1.DeletionPolicy;
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
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ECS native releases that people and GitOps act on: the manual gate (a PAUSE hook) and every
 * action annotation, a new generation mid-flight, deletion per policy. Assertions count the calls
 * the operator made. Restarts and lost answers are {@link EcsReleaseRecoveryIT}'s, throttling
 * {@link EcsReleaseThrottlingIT}'s.
 */
class EcsReleaseActionsIT extends HarnessScenarios {
  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return OperatorHarness.ecsNative(
        kubernetes,
        "ngate",
        "nroll",
        "nbake",
        "nrollbake",
        "nnogate",
        "nrespec",
        "nrespecslow",
        "nstopdel",
        "norphan",
        "ncodedeploy");
  }

  private static Releases ecs(String lane, EcsStrategy strategy, int bakeMinutes) {
    var canary = strategy == EcsStrategy.Canary ? new EcsCanary(10.0, 30) : null;
    return release(lane).ecs(new EcsSpec(strategy, null, canary, bakeMinutes, null, null, null));
  }

  @Test
  void manualGatePausesBeforeProductionTrafficUntilPromoted() {
    harness.apply(ecs("ngate", EcsStrategy.BlueGreen, 0).manualPromotion().build());
    var waiting = harness.awaitPhase("ngate", Phase.AwaitingPromotion);

    assertThat(waiting.traffic().green()).isZero();
    assertThat(waiting.message()).contains("ecs.bluegreen.dev/promote");
    harness.clock.advance(Duration.ofMinutes(30));
    assertThat(harness.awaitPhase("ngate", Phase.AwaitingPromotion).traffic().green()).isZero();
    long continues = harness.sim.callLog().count("ContinueServiceDeployment");

    harness.annotate("ngate", Actions.PROMOTE, "go");
    var status = harness.awaitPhase("ngate", Phase.Succeeded);

    assertThat(harness.sim.callLog().count("ContinueServiceDeployment") - continues).isEqualTo(1);
    assertThat(status.actions().promote().result()).isEqualTo(ActionResult.Applied);
    assertThat(harness.servingTaskDefinitions("ngate"))
        .singleElement()
        .satisfies(arn -> assertThat(arn).endsWith("ngate:2"));
  }

  @Test
  void rollbackAtTheGateThenRetrySucceeds() {
    harness.apply(ecs("nroll", EcsStrategy.BlueGreen, 0).manualPromotion().build());
    harness.awaitPhase("nroll", Phase.AwaitingPromotion);
    long stops = harness.sim.callLog().count("StopServiceDeployment");
    long continues = harness.sim.callLog().count("ContinueServiceDeployment");

    harness.annotate("nroll", Actions.ROLLBACK, "INC-7");
    var rolledBack = harness.awaitPhase("nroll", Phase.RolledBack);

    // The hold is refused at its PAUSE hook (ContinueServiceDeployment ROLLBACK), not stopped.
    assertThat(harness.sim.callLog().count("ContinueServiceDeployment") - continues).isEqualTo(1);
    assertThat(harness.sim.callLog().count("StopServiceDeployment")).isEqualTo(stops);
    assertThat(rolledBack.message()).contains("ContinueServiceDeployment");
    assertThat(condition(rolledBack, "Stalled")).isEqualTo("True");
    assertThat(rolledBack.actions().rollback().result()).isEqualTo(ActionResult.Applied);
    assertThat(harness.servingTaskDefinitions("nroll"))
        .singleElement()
        .satisfies(arn -> assertThat(arn).endsWith("nroll:1"));

    harness.annotate("nroll", Actions.RETRY, "INC-7-fixed");
    harness.awaitRelease("nroll", s -> s.retryCount() == 1 && s.phase() == Phase.AwaitingPromotion);
    harness.annotate("nroll", Actions.PROMOTE, "go");
    var retried = harness.awaitPhase("nroll", Phase.Succeeded);

    assertThat(retried.history())
        .extracting(h -> h.outcome())
        .containsExactly(Phase.Succeeded, Phase.RolledBack);
    assertThat(harness.serviceDeployments("nroll")).hasSize(2);
  }

  @Test
  void skipBakeIsIgnoredWithAnEventBecauseEcsCannotEndABake() {
    harness.apply(ecs("nbake", EcsStrategy.BlueGreen, 60).build());
    harness.awaitPhase("nbake", Phase.Baking);
    long calls = harness.sim.callLog().size();

    harness.annotate("nbake", Actions.SKIP_BAKE, "now");
    var status =
        harness.awaitRelease("nbake", s -> s.actions() != null && s.actions().skipBake() != null);

    assertThat(status.actions().skipBake().result()).isEqualTo(ActionResult.Ignored);
    assertThat(status.actions().skipBake().message()).contains("ECS offers no way to end");
    harness.awaitEvents(
        "nbake",
        events ->
            assertThat(events)
                .anySatisfy(
                    e -> {
                      assertThat(e.getReason()).isEqualTo("ActionIgnored");
                      assertThat(e.getMessage()).startsWith(Actions.SKIP_BAKE + "=now: ");
                    }));
    assertThat(harness.sim.callLog().all().subList((int) calls, harness.sim.callLog().size()))
        .noneMatch(call -> call.operation().equals("StopServiceDeployment"));
    assertThat(harness.awaitPhase("nbake", Phase.Succeeded).history()).hasSize(1);
  }

  @Test
  void rollbackDuringTheBakeReturnsToTheOldRevision() {
    harness.apply(ecs("nrollbake", EcsStrategy.BlueGreen, 60).build());
    harness.awaitPhase("nrollbake", Phase.Baking);
    long stops = harness.sim.callLog().count("StopServiceDeployment");

    harness.annotate("nrollbake", Actions.ROLLBACK, "INC-12");
    var status = harness.awaitPhase("nrollbake", Phase.RolledBack);

    assertThat(harness.sim.callLog().count("StopServiceDeployment") - stops).isEqualTo(1);
    assertThat(status.actions().rollback().result()).isEqualTo(ActionResult.Applied);
    assertThat(status.traffic().green()).isZero();
    assertThat(harness.servingTaskDefinitions("nrollbake"))
        .singleElement()
        .satisfies(arn -> assertThat(arn).endsWith("nrollbake:1"));
  }

  @Test
  void promoteWithoutAGateIsIgnoredWithAnEventAndTheShiftGoesOn() {
    harness.apply(ecs("nnogate", EcsStrategy.Canary, 0).build());
    harness.awaitRelease(
        "nnogate", s -> s.phase() == Phase.ShiftingTraffic && s.traffic().green() == 10);
    long continues = harness.sim.callLog().count("ContinueServiceDeployment");

    harness.annotate("nnogate", Actions.PROMOTE, "early");
    var status =
        harness.awaitRelease("nnogate", s -> s.actions() != null && s.actions().promote() != null);

    assertThat(status.actions().promote().result()).isEqualTo(ActionResult.Ignored);
    assertThat(status.actions().promote().message()).contains("nothing waits for a promotion");
    harness.awaitEvents(
        "nnogate",
        events ->
            assertThat(events)
                .anySatisfy(
                    e -> {
                      assertThat(e.getReason()).isEqualTo("ActionIgnored");
                      assertThat(e.getMessage()).startsWith(Actions.PROMOTE + "=early: ");
                    }));
    assertThat(harness.awaitPhase("nnogate", Phase.Succeeded).history()).hasSize(1);
    assertThat(harness.sim.callLog().count("ContinueServiceDeployment")).isEqualTo(continues);
  }

  @Test
  void newGenerationMidFlightRollsBackThenDeploysIt() {
    harness.apply(ecs("nrespec", EcsStrategy.Canary, 0).image("example/web:2").build());
    var shifting =
        harness.awaitRelease(
            "nrespec", s -> s.phase() == Phase.ShiftingTraffic && s.traffic().green() == 10);
    long updates = harness.sim.callLog().count("UpdateService");

    harness.update(
        "nrespec", spec -> ecs("nrespec", EcsStrategy.Canary, 0).image("example/web:3").spec());
    var done =
        harness.awaitRelease(
            "nrespec", s -> s.observedGeneration() == 2 && s.phase() == Phase.Succeeded);

    assertThat(done.deploymentId()).isNotEqualTo(shifting.deploymentId());
    assertThat(done.history()).extracting(h -> h.generation()).containsExactly(2L, 1L);
    assertThat(done.history().get(1).outcome()).isEqualTo(Phase.RolledBack);
    assertThat(done.history().get(1).message()).contains("Superseded by generation 2");
    assertThat(harness.sim.callLog().count("UpdateService") - updates).isEqualTo(1);
    assertThat(harness.serviceDeployments("nrespec")).hasSize(2);
    assertThat(harness.servingTaskDefinitions("nrespec"))
        .singleElement()
        .satisfies(arn -> assertThat(arn).endsWith("nrespec:3"));
  }

  @Test
  void newGenerationStopsTheDeploymentOnceWhileItRollsBack() {
    // ECS runs the slow PRODUCTION_TRAFFIC_SHIFT hook again as it rolls back: ten minutes of
    // passes that find the superseded deployment rolling back, none of which may stop it again.
    var slowHook =
        new EcsLifecycleHook(
            EcsReleaseLifecycleIT.function(OperatorHarness.SLOW_ECS_HOOK),
            EcsReleaseLifecycleIT.HOOK_ROLE,
            List.of(EcsHookStage.PRODUCTION_TRAFFIC_SHIFT),
            null,
            null,
            null);
    var spec =
        new EcsSpec(
            EcsStrategy.Canary, null, new EcsCanary(10.0, 30), 0, null, List.of(slowHook), null);
    harness.apply(release("nrespecslow").image("example/web:2").ecs(spec).build());
    harness.awaitRelease(
        "nrespecslow", s -> s.phase() == Phase.ShiftingTraffic && s.traffic().green() == 10);
    long stops = harness.sim.callLog().count("StopServiceDeployment");

    harness.update(
        "nrespecslow", s -> release("nrespecslow").image("example/web:3").ecs(spec).spec());
    harness.awaitRelease(
        "nrespecslow", s -> s.observedGeneration() == 2 && s.phase() == Phase.RollingBack);
    harness.clock.advance(Duration.ofMinutes(5));
    var done =
        harness.awaitRelease(
            "nrespecslow", s -> s.observedGeneration() == 2 && s.phase() == Phase.Succeeded);

    assertThat(harness.sim.callLog().count("StopServiceDeployment") - stops).isEqualTo(1);
    assertThat(done.history())
        .extracting(h -> h.outcome())
        .containsExactly(Phase.Succeeded, Phase.RolledBack);
    assertThat(harness.serviceDeployments("nrespecslow")).hasSize(2);
    assertThat(harness.servingTaskDefinitions("nrespecslow"))
        .singleElement()
        .satisfies(arn -> assertThat(arn).endsWith("nrespecslow:3"));
  }

  @Test
  void deletingWithStopDeploymentRollsBackBeforeTheResourceGoes() {
    harness.apply(ecs("nstopdel", EcsStrategy.Canary, 0).build());
    var shifting = harness.awaitRelease("nstopdel", s -> s.phase() == Phase.ShiftingTraffic);

    harness.delete("nstopdel");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              harness.clock.advance(Duration.ofSeconds(20));
              return harness.get("nstopdel") == null;
            });

    var deployment = harness.serviceDeployments("nstopdel").get(0);
    assertThat(deployment.serviceDeploymentArn()).isEqualTo(shifting.deploymentId());
    assertThat(deployment.statusAsString()).isEqualTo("ROLLBACK_SUCCESSFUL");
    assertThat(harness.servingTaskDefinitions("nstopdel"))
        .singleElement()
        .satisfies(arn -> assertThat(arn).endsWith("nstopdel:1"));
  }

  @Test
  void deletingWithOrphanLeavesTheDeploymentRunning() {
    harness.apply(
        ecs("norphan", EcsStrategy.Canary, 0).deletionPolicy(DeletionPolicy.Orphan).build());
    harness.awaitRelease("norphan", s -> s.phase() == Phase.ShiftingTraffic);
    long stops = harness.sim.callLog().count("StopServiceDeployment");

    harness.delete("norphan");
    await().atMost(Duration.ofSeconds(10)).until(() -> harness.get("norphan") == null);

    assertThat(harness.serviceDeployments("norphan").get(0).statusAsString())
        .isEqualTo("IN_PROGRESS");
    assertThat(harness.sim.callLog().count("StopServiceDeployment")).isEqualTo(stops);
  }

  @Test
  void codeDeployReleaseOfAnEcsControlledServiceStallsSayingHowToMigrate() {
    harness.apply(release("ncodedeploy").build());

    var status = harness.awaitPhase("ncodedeploy", Phase.Failed);

    assertThat(status.engine()).isEqualTo("CodeDeploy");
    assertThat(condition(status, "Stalled")).isEqualTo("True");
    assertThat(status.message())
        .contains("prod/ncodedeploy")
        .contains("controller ECS")
        .contains("replace spec.codeDeploy with spec.ecs");
    assertThat(harness.serviceDeployments("ncodedeploy")).isEmpty();
  }
}
