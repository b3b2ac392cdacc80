package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static dev.ecsbluegreen.operator.reconciler.EcsReleaseLifecycleIT.HOOK_ROLE;
import static dev.ecsbluegreen.operator.reconciler.EcsReleaseLifecycleIT.function;
import static dev.ecsbluegreen.operator.reconciler.EcsReleaseLifecycleIT.hook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsLifecycleHook;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsLifecycleHook.EcsHookStage;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec.EcsStrategy;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.operator.fixtures.PhaseWatcher;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The phases a watcher ({@code kubectl get -w}, Argo CD) sees of an ECS native release, in DESIGN's
 * order and never going back: every phase of a blue/green release with test traffic, hooks and the
 * manual gate, and RollingBack before RolledBack even when ECS finishes the rollback between two
 * looks of the operator.
 */
class EcsPhaseSequenceIT extends HarnessScenarios {
  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return OperatorHarness.ecsNative(kubernetes, "nseq", "nseqhook");
  }

  @Test
  void blueGreenWithTestTrafficHooksAndTheGateShowsEveryPhaseInOrder() {
    // The slow hook holds the scale-up, the test traffic and the production shift for minutes
    // each, so each phase lasts long enough for the operator to see it.
    var slow =
        new EcsLifecycleHook(
            function(OperatorHarness.SLOW_ECS_HOOK),
            HOOK_ROLE,
            List.of(
                EcsHookStage.POST_SCALE_UP,
                EcsHookStage.POST_TEST_TRAFFIC_SHIFT,
                EcsHookStage.POST_PRODUCTION_TRAFFIC_SHIFT),
            null,
            null,
            null);
    try (var watcher = harness.watchPhases("nseq")) {
      harness.apply(
          release("nseq")
              .ecs(new EcsSpec(EcsStrategy.BlueGreen, null, null, 30, null, List.of(slow), null))
              .manualPromotion()
              .build());
      harness.awaitPhase("nseq", Phase.AwaitingPromotion);

      harness.annotate("nseq", Actions.PROMOTE);
      harness.awaitPhase("nseq", Phase.Succeeded);

      assertThat(settledOn(watcher, Phase.Succeeded))
          .containsExactly(
              Phase.Pending,
              Phase.RegisteringTaskDefinition,
              Phase.Deploying,
              Phase.TestTraffic,
              Phase.AwaitingPromotion,
              Phase.ShiftingTraffic,
              Phase.Baking,
              Phase.Succeeded);
    }
  }

  @Test
  void failedHookGoesThroughRollingBackEvenWhenTheRollbackEndsBetweenTwoLooks() {
    var failing = hook("CodeDeployHook_fail", EcsHookStage.POST_TEST_TRAFFIC_SHIFT);
    // A minute per look: ECS's rollback (about 11 simulated seconds) starts and ends between two
    // looks of the operator.
    harness.step(Duration.ofMinutes(1));
    try (var watcher = harness.watchPhases("nseqhook")) {
      harness.apply(
          release("nseqhook")
              .ecs(new EcsSpec(EcsStrategy.BlueGreen, null, null, 0, null, List.of(failing), null))
              .build());

      harness.awaitPhase("nseqhook", Phase.RolledBack);

      var phases = settledOn(watcher, Phase.RolledBack);
      assertThat(phases).isSortedAccordingTo(Comparator.naturalOrder());
      assertThat(phases).contains(Phase.Deploying, Phase.RollingBack, Phase.RolledBack);
      assertThat(phases).doesNotContain(Phase.ShiftingTraffic, Phase.Succeeded);
    } finally {
      harness.step(Duration.ofSeconds(20));
    }
  }

  /** The watcher's phases once it has seen the last write, the one that settled the release. */
  private static List<Phase> settledOn(PhaseWatcher watcher, Phase last) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                !watcher.phases().isEmpty()
                    && watcher.phases().get(watcher.phases().size() - 1) == last);
    return watcher.phases();
  }
}
