package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.operator.fixtures.PhaseWatcher;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The phases a watcher sees follow DESIGN's order (Pending, RegisteringTaskDefinition, Deploying,
 * TestTraffic, AwaitingPromotion, ShiftingTraffic, Baking, Succeeded; RollingBack, RolledBack,
 * Failed, the declaration order of {@link Phase}) and never go back, whatever the pace of the
 * deployment relative to the operator's looks.
 */
class PhaseSequenceIT extends HarnessScenarios {
  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return new OperatorHarness(kubernetes, "seqhook", "seqgate");
  }

  @Test
  void failedHookGoesThroughRollingBackEvenWhenTheRollbackEndsBetweenTwoLooks() {
    harness.createGroup("seqhook", 0);
    // A minute per look: the hook fails and CodeDeploy's rollback (10 simulated seconds) starts
    // and ends between two looks of the operator.
    harness.step(Duration.ofMinutes(1));
    try (var watcher = harness.watchPhases("seqhook")) {
      harness.apply(
          release("seqhook").hook("afterAllowTestTraffic", "CodeDeployHook_fail").build());

      harness.awaitPhase("seqhook", Phase.RolledBack);

      var phases = settledOn(watcher, Phase.RolledBack);
      assertThat(phases).isSortedAccordingTo(Comparator.naturalOrder());
      assertThat(phases).contains(Phase.Deploying, Phase.RollingBack, Phase.RolledBack);
      assertThat(phases).doesNotContain(Phase.ShiftingTraffic, Phase.Succeeded);
    } finally {
      harness.step(Duration.ofSeconds(20));
    }
  }

  @Test
  void manualGateIsAwaitedBeforeAnyTrafficShiftsAndPhasesNeverGoBack() {
    harness.createGroup(harness.groupShape("seqgate", 0, "STOP_DEPLOYMENT", 600));
    try (var watcher = harness.watchPhases("seqgate")) {
      harness.apply(release("seqgate").manualPromotion().canary(10, 5).build());
      harness.awaitPhase("seqgate", Phase.AwaitingPromotion);

      harness.annotate("seqgate", Actions.PROMOTE);
      harness.awaitPhase("seqgate", Phase.Succeeded);

      var phases = settledOn(watcher, Phase.Succeeded);
      assertThat(phases).isSortedAccordingTo(Comparator.naturalOrder());
      assertThat(phases)
          .containsSubsequence(
              Phase.Deploying, Phase.AwaitingPromotion, Phase.ShiftingTraffic, Phase.Succeeded);
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
