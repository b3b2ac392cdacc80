package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsLinear;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec.EcsStrategy;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.InWallTime;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.operator.fixtures.PhaseWatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;

/**
 * An ECS-native release is looked at again when its service deployment's next step or the end of
 * its bake falls due, not after a poll interval. Both poll intervals here are an hour, so only a
 * pass at the predicted instant can show the change within these tests' timeouts.
 */
class EcsReleaseWakeupIT extends HarnessScenarios {
  static final Duration POLL = Duration.ofHours(1);

  /** How long the simulator's CLEAN_UP stage takes (a listener update) before SUCCESSFUL. */
  static final Duration CLEAN_UP = Duration.ofSeconds(5);

  /** The requeue margin after a due instant, plus a test poll or two. */
  static final Duration SEEN_WITHIN = Duration.ofMillis(2500);

  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    var harness = OperatorHarness.ecsNative(kubernetes, "nwakebake", "nwakestep");
    harness.restartWithPolls(POLL, POLL);
    return harness;
  }

  @Test
  void bakingReleaseIsLookedAtRightWhenTheBakeEnds() {
    harness.apply(
        release("nwakebake")
            .image("example/nwakebake:2")
            .ecs(new EcsSpec(EcsStrategy.BlueGreen, null, null, 5, null, null, null))
            .build());
    String arn = harness.awaitRelease("nwakebake", s -> s.deploymentId() != null).deploymentId();

    // With the operator away, let ECS shift traffic and bake until 3 s before the bake ends.
    harness.stopOperator();
    Instant bakeStarted = advanceUntil(arn, d -> "BAKE_TIME".equals(d.lifecycleStageAsString()));
    Instant due = bakeStarted.plus(Duration.ofMinutes(5));
    harness.clock.advance(Duration.between(harness.clock.now(), due.minusSeconds(3)));

    try (var phases = harness.watchPhases("nwakebake")) {
      harness.startOperator();
      Instant seen =
          InWallTime.until(
              harness, "nwakebake", s -> s.phase() == Phase.Succeeded, Duration.ofSeconds(20));

      awaitWatched(phases, Phase.Succeeded);
      assertThat(phases.phases()).containsSubsequence(Phase.Baking, Phase.Succeeded);
      // ECS ends the bake at the due instant and cleans up; the release follows it closely.
      assertThat(Duration.between(due, seen)).isBetween(CLEAN_UP, CLEAN_UP.plus(SEEN_WITHIN));
    }
  }

  @Test
  void linearReleaseIsLookedAtRightWhenItsNextStepIsDue() {
    harness.apply(
        release("nwakestep")
            .image("example/nwakestep:2")
            .ecs(
                new EcsSpec(EcsStrategy.Linear, new EcsLinear(50.0, 5), null, 30, null, null, null))
            .build());
    String arn = harness.awaitRelease("nwakestep", s -> s.deploymentId() != null).deploymentId();

    // With the operator away, let ECS take the first step and wait until 3 s before the next.
    harness.stopOperator();
    Instant stepped =
        advanceUntil(arn, d -> d.targetServiceRevision().requestedProductionTrafficWeight() >= 50);
    Instant due = stepped.plus(Duration.ofMinutes(5));
    harness.clock.advance(Duration.between(harness.clock.now(), due.minusSeconds(3)));

    try (var phases = harness.watchPhases("nwakestep")) {
      harness.startOperator();
      Instant seen =
          InWallTime.until(
              harness,
              "nwakestep",
              s -> s.traffic() != null && s.traffic().green() == 100,
              Duration.ofSeconds(20));

      awaitWatched(phases, Phase.Baking);
      assertThat(phases.phases()).containsSubsequence(Phase.ShiftingTraffic, Phase.Baking);
      assertThat(Duration.between(due, seen)).isBetween(Duration.ZERO, SEEN_WITHIN);
    }
  }

  /** The watch delivers a status write a little after a read can see it. */
  private static void awaitWatched(PhaseWatcher phases, Phase phase) {
    await().atMost(Duration.ofSeconds(5)).until(() -> phases.phases().contains(phase));
  }

  /** When ECS last changed the deployment, moving time until the condition holds. */
  private Instant advanceUntil(String arn, Predicate<ServiceDeployment> condition) {
    for (int i = 0; i < 500; i++) {
      var d =
          harness
              .ecs
              .describeServiceDeployments(b -> b.serviceDeploymentArns(arn))
              .serviceDeployments()
              .get(0);
      if (condition.test(d)) {
        return d.updatedAt();
      }
      harness.clock.advance(Duration.ofSeconds(5));
    }
    throw new AssertionError("Service deployment " + arn + " never reached the expected state");
  }
}
