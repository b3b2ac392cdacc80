package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static dev.ecsbluegreen.operator.reconciler.ReleaseLifecycleIT.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.ActionResult;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.HandledAction;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The action annotations: rollback, retry, promote, skip-bake. Each value is one request, answered
 * once and recorded in {@code status.actions}; the annotation stays where the user put it.
 */
class ReleaseActionsIT extends HarnessScenarios {
  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return new OperatorHarness(
        kubernetes, "shift", "bake", "manual", "skip", "idle", "failing", "born");
  }

  @Test
  void rollbackDuringShiftThenRetrySucceeds() {
    harness.createGroup("shift", 0);
    harness.apply(release("shift").canary(10, 30).build());
    harness.awaitRelease(
        "shift", s -> s.phase() == Phase.ShiftingTraffic && s.traffic().green() == 10);

    harness.annotate("shift", Actions.ROLLBACK, "INC-1234");
    var rolledBack = harness.awaitPhase("shift", Phase.RolledBack);

    assertThat(condition(rolledBack, "Stalled")).isEqualTo("True");
    assertHandled(
        rolledBack,
        EcsBlueGreenReleaseStatus.HandledActions::rollback,
        "INC-1234",
        ActionResult.Applied);
    assertAnnotationKept("shift", Actions.ROLLBACK, "INC-1234");
    assertThat(harness.runningTaskDefinition("shift")).endsWith("shift:1");
    harness.awaitEvents(
        "shift",
        events ->
            assertThat(events)
                .anySatisfy(
                    e -> {
                      assertThat(e.getReason()).isEqualTo("ActionApplied");
                      assertThat(e.getMessage()).startsWith(Actions.ROLLBACK + "=INC-1234: ");
                    }));

    harness.annotate("shift", Actions.RETRY, "INC-1234-fixed");
    var retried = harness.awaitPhase("shift", Phase.Succeeded);

    assertThat(retried.retryCount()).isEqualTo(1);
    assertThat(retried.observedGeneration()).isEqualTo(1L);
    assertThat(retried.history())
        .extracting(h -> h.outcome())
        .containsExactly(Phase.Succeeded, Phase.RolledBack);
    assertThat(harness.deployments("shift")).hasSize(2);
    assertThat(harness.revisions("shift")).hasSize(2);
    assertHandled(
        retried,
        EcsBlueGreenReleaseStatus.HandledActions::retry,
        "INC-1234-fixed",
        ActionResult.Applied);
    assertAnnotationKept("shift", Actions.RETRY, "INC-1234-fixed");
  }

  @Test
  void rollbackDuringBakeRestoresBlue() {
    harness.createGroup("bake", 120);
    harness.apply(release("bake").build());
    harness.awaitPhase("bake", Phase.Baking);

    harness.annotate("bake", Actions.ROLLBACK);
    var status = harness.awaitPhase("bake", Phase.RolledBack);

    assertThat(status.traffic().blue()).isEqualTo(100);
    assertThat(harness.runningTaskDefinition("bake")).endsWith("bake:1");
    assertThat(status.actions().rollback().result()).isEqualTo(ActionResult.Applied);
  }

  @Test
  void promoteActsOncePerValueNotOnTheNextGenerationsGate() {
    harness.createGroup(harness.groupShape("manual", 0, "STOP_DEPLOYMENT", 600));
    harness.apply(release("manual").manualPromotion().build());
    harness.awaitPhase("manual", Phase.AwaitingPromotion);

    harness.clock.advance(Duration.ofMinutes(60));
    var waiting = harness.awaitRelease("manual", s -> s.phase() == Phase.AwaitingPromotion);
    assertThat(waiting.traffic().green()).isZero();
    assertThat(waiting.message()).contains("ecs.bluegreen.dev/promote");

    harness.annotate("manual", Actions.PROMOTE, "2026-12-01T09:00:00Z");
    var promoted = harness.awaitPhase("manual", Phase.Succeeded);
    assertThat(harness.runningTaskDefinition("manual")).endsWith("manual:2");
    assertHandled(
        promoted,
        EcsBlueGreenReleaseStatus.HandledActions::promote,
        "2026-12-01T09:00:00Z",
        ActionResult.Applied);

    // The next generation stops at its own gate although the old request is still there.
    harness.update("manual", spec -> release("manual").manualPromotion().image("web:3").spec());
    harness.awaitRelease(
        "manual", s -> s.observedGeneration() == 2L && s.phase() == Phase.AwaitingPromotion);
    awaitMorePasses();
    assertThat(harness.status("manual").phase()).isEqualTo(Phase.AwaitingPromotion);
    assertAnnotationKept("manual", Actions.PROMOTE, "2026-12-01T09:00:00Z");

    harness.annotate("manual", Actions.PROMOTE, "2026-12-01T10:00:00Z");
    var second = harness.awaitPhase("manual", Phase.Succeeded);
    assertThat(harness.runningTaskDefinition("manual")).endsWith("manual:3");
    assertThat(second.actions().promote().handled()).isEqualTo("2026-12-01T10:00:00Z");
  }

  @Test
  void skipBakeEndsTheTerminationWaitAtOnce() {
    harness.createGroup("skip", 600);
    harness.apply(release("skip").build());
    harness.awaitPhase("skip", Phase.Baking);

    harness.annotate("skip", Actions.SKIP_BAKE, "now");
    var status = harness.awaitPhase("skip", Phase.Succeeded);

    var baked =
        Duration.between(Instant.parse(status.startedAt()), Instant.parse(status.completedAt()));
    assertThat(baked).isLessThan(Duration.ofMinutes(60));
    assertHandled(
        status, EcsBlueGreenReleaseStatus.HandledActions::skipBake, "now", ActionResult.Applied);
    assertAnnotationKept("skip", Actions.SKIP_BAKE, "now");
  }

  @Test
  void promoteWithNothingWaitingIsRecordedAsIgnoredWithAnEvent() {
    harness.createGroup("idle", 0);
    harness.apply(release("idle").build());
    harness.awaitPhase("idle", Phase.Succeeded);

    harness.annotate("idle", Actions.PROMOTE, "too-late");

    var status =
        harness.awaitRelease("idle", s -> s.actions() != null && s.actions().promote() != null);
    assertThat(status.actions().promote().handled()).isEqualTo("too-late");
    assertThat(status.actions().promote().result()).isEqualTo(ActionResult.Ignored);
    assertThat(status.actions().promote().message()).contains("nothing waits for a promotion");
    assertAnnotationKept("idle", Actions.PROMOTE, "too-late");
    harness.awaitEvents(
        "idle",
        events ->
            assertThat(events)
                .anySatisfy(
                    e -> {
                      assertThat(e.getReason()).isEqualTo("ActionIgnored");
                      assertThat(e.getType()).isEqualTo("Warning");
                      assertThat(e.getMessage())
                          .startsWith(Actions.PROMOTE + "=too-late: ")
                          .contains("nothing waits for a promotion");
                    }));
    assertThat(status.phase()).isEqualTo(Phase.Succeeded);
    assertThat(condition(status, "Ready")).isEqualTo("True");
  }

  @Test
  void retryActsOncePerValueHoweverManyPassesSeeIt() {
    harness.createGroup("failing", 0);
    harness.apply(release("failing").hook("afterAllowTestTraffic", "CodeDeployHook_fail").build());
    harness.awaitPhase("failing", Phase.RolledBack);

    harness.annotate("failing", Actions.RETRY, "r1");
    harness.awaitRelease("failing", s -> s.retryCount() == 1 && s.phase() == Phase.RolledBack);
    assertThat(harness.deployments("failing")).hasSize(2);

    // Another request wakes the operator while retry=r1 is still there: r1 does not act again.
    harness.annotate("failing", Actions.PROMOTE, "wake-up");
    var woken =
        harness.awaitRelease(
            "failing",
            s ->
                s.actions().promote() != null && "wake-up".equals(s.actions().promote().handled()));
    assertThat(woken.retryCount()).isEqualTo(1);
    assertThat(woken.actions().retry().handled()).isEqualTo("r1");
    assertThat(harness.deployments("failing")).hasSize(2);

    harness.annotate("failing", Actions.RETRY, "r2");
    var again =
        harness.awaitRelease("failing", s -> s.retryCount() == 2 && s.phase() == Phase.RolledBack);
    assertThat(harness.deployments("failing")).hasSize(3);
    assertThat(again.actions().retry().handled()).isEqualTo("r2");
  }

  @Test
  void valuesPresentWhenTheReleaseIsCreatedAreRecordedNotActedOn() {
    harness.createGroup(harness.groupShape("born", 0, "STOP_DEPLOYMENT", 600));
    var manifest = release("born").manualPromotion().build();
    manifest
        .getMetadata()
        .setAnnotations(Map.of(Actions.PROMOTE, "copied", Actions.ROLLBACK, "copied"));
    harness.apply(manifest);

    var gated = harness.awaitPhase("born", Phase.AwaitingPromotion);
    awaitMorePasses();

    assertThat(harness.status("born").phase()).isEqualTo(Phase.AwaitingPromotion);
    for (HandledAction handled : List.of(gated.actions().promote(), gated.actions().rollback())) {
      assertThat(handled.handled()).isEqualTo("copied");
      assertThat(handled.result()).isEqualTo(ActionResult.Ignored);
      assertThat(handled.message()).contains("already there when the release was created");
    }
    harness.awaitEvents(
        "born",
        events ->
            assertThat(events)
                .filteredOn(e -> "ActionIgnored".equals(e.getReason()))
                .extracting(e -> e.getMessage().substring(0, e.getMessage().indexOf(':')))
                .containsExactlyInAnyOrder(
                    Actions.PROMOTE + "=copied", Actions.ROLLBACK + "=copied"));

    harness.annotate("born", Actions.PROMOTE, "go");
    harness.awaitPhase("born", Phase.Succeeded);
  }

  /** Lets the operator poll the release's deployment a few more times. */
  private void awaitMorePasses() {
    long before = harness.sim.callLog().count("BatchGetDeployments");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> harness.sim.callLog().count("BatchGetDeployments") >= before + 3);
  }

  private static void assertHandled(
      EcsBlueGreenReleaseStatus status,
      Function<EcsBlueGreenReleaseStatus.HandledActions, HandledAction> action,
      String value,
      ActionResult result) {
    HandledAction handled = action.apply(status.actions());
    assertThat(handled.handled()).isEqualTo(value);
    assertThat(handled.at()).isNotBlank();
    assertThat(handled.result()).isEqualTo(result);
  }

  private void assertAnnotationKept(String name, String annotation, String value) {
    assertThat(harness.get(name).getMetadata().getAnnotations()).containsEntry(annotation, value);
  }
}
