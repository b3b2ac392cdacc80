package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static dev.ecsbluegreen.operator.reconciler.ReleaseLifecycleIT.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The action annotations: rollback, retry, promote, skip-bake; each answered once and removed. */
class ReleaseActionsIT extends HarnessScenarios {
  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return new OperatorHarness(kubernetes, "shift", "bake", "manual", "skip", "idle");
  }

  @Test
  void rollbackDuringShiftThenRetrySucceeds() {
    harness.createGroup("shift", 0);
    harness.apply(release("shift").canary(10, 30).build());
    harness.awaitRelease(
        "shift", s -> s.phase() == Phase.ShiftingTraffic && s.traffic().green() == 10);

    harness.annotate("shift", Actions.ROLLBACK);
    var rolledBack = harness.awaitPhase("shift", Phase.RolledBack);

    assertThat(condition(rolledBack, "Stalled")).isEqualTo("True");
    assertAnnotationRemoved("shift", Actions.ROLLBACK);
    assertThat(harness.runningTaskDefinition("shift")).endsWith("shift:1");
    assertThat(harness.events("shift"))
        .anySatisfy(
            e -> {
              assertThat(e.getReason()).isEqualTo("ActionApplied");
              assertThat(e.getMessage()).contains("rollback");
            });

    harness.annotate("shift", Actions.RETRY);
    var retried = harness.awaitPhase("shift", Phase.Succeeded);

    assertThat(retried.retryCount()).isEqualTo(1);
    assertThat(retried.observedGeneration()).isEqualTo(1L);
    assertThat(retried.history())
        .extracting(h -> h.outcome())
        .containsExactly(Phase.Succeeded, Phase.RolledBack);
    assertThat(harness.deployments("shift")).hasSize(2);
    assertThat(harness.revisions("shift")).hasSize(2);
    assertAnnotationRemoved("shift", Actions.RETRY);
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
    assertAnnotationRemoved("bake", Actions.ROLLBACK);
  }

  @Test
  void manualPromotionWaitsUntilPromoted() {
    harness.createGroup(harness.groupShape("manual", 0, "STOP_DEPLOYMENT", 600));
    harness.apply(release("manual").manualPromotion().build());
    harness.awaitPhase("manual", Phase.AwaitingPromotion);

    harness.clock.advance(Duration.ofMinutes(60));
    var waiting = harness.awaitRelease("manual", s -> s.phase() == Phase.AwaitingPromotion);
    assertThat(waiting.traffic().green()).isZero();
    assertThat(waiting.message()).contains("ecs.bluegreen.dev/promote");

    harness.annotate("manual", Actions.PROMOTE);
    harness.awaitPhase("manual", Phase.Succeeded);

    assertThat(harness.runningTaskDefinition("manual")).endsWith("manual:2");
    assertAnnotationRemoved("manual", Actions.PROMOTE);
  }

  @Test
  void skipBakeEndsTheTerminationWaitAtOnce() {
    harness.createGroup("skip", 600);
    harness.apply(release("skip").build());
    harness.awaitPhase("skip", Phase.Baking);

    harness.annotate("skip", Actions.SKIP_BAKE);
    var status = harness.awaitPhase("skip", Phase.Succeeded);

    var baked =
        Duration.between(Instant.parse(status.startedAt()), Instant.parse(status.completedAt()));
    assertThat(baked).isLessThan(Duration.ofMinutes(60));
    assertAnnotationRemoved("skip", Actions.SKIP_BAKE);
  }

  @Test
  void promoteWithNothingWaitingIsReportedNotFailed() {
    harness.createGroup("idle", 0);
    harness.apply(release("idle").build());
    harness.awaitPhase("idle", Phase.Succeeded);

    harness.annotate("idle", Actions.PROMOTE);

    assertAnnotationRemoved("idle", Actions.PROMOTE);
    assertThat(harness.events("idle"))
        .anySatisfy(
            e -> {
              assertThat(e.getReason()).isEqualTo("ActionIgnored");
              assertThat(e.getMessage()).contains("nothing waits for a promotion");
            });
    assertThat(harness.status("idle").phase()).isEqualTo(Phase.Succeeded);
    assertThat(condition(harness.status("idle"), "Ready")).isEqualTo("True");
  }

  private void assertAnnotationRemoved(String name, String annotation) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(harness.get(name).getMetadata().getAnnotations())
                    .doesNotContainKey(annotation));
  }
}
