package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot;
import dev.ecsbluegreen.operator.aws.DeploymentState;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.InWallTime;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.operator.fixtures.PhaseWatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A release is looked at again when its deployment's next transition falls due, not after an idle
 * interval. The idle interval here is an hour, so only a pass at the predicted instant can show the
 * outcome within these tests' timeouts.
 */
class ReleaseWakeupIT extends HarnessScenarios {
  static final Duration IDLE = Duration.ofHours(1);
  static final Duration ACTIVE = Duration.ofMillis(50);

  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    var harness = new OperatorHarness(kubernetes, "wakebake", "wakerace");
    harness.restartWithPolls(ACTIVE, IDLE);
    return harness;
  }

  @Test
  void bakingReleaseIsLookedAtRightWhenTheTerminationWaitEnds() {
    harness.createGroup("wakebake", 5);
    harness.apply(release("wakebake").image("example/wakebake:2").build());
    String id = harness.awaitRelease("wakebake", s -> s.deploymentId() != null).deploymentId();

    // With the operator away, let AWS shift traffic and run the wait until 3 s before its end.
    harness.stopOperator();
    Instant shifted = targetSucceededAt(id);
    Instant due = shifted.plus(Duration.ofMinutes(5));
    harness.clock.advance(Duration.between(harness.clock.now(), due.minusSeconds(3)));
    long readsBefore = harness.sim.callLog().count("BatchGetDeployments");

    try (var phases = harness.watchPhases("wakebake")) {
      harness.startOperator();
      Instant seen = inWallTimeUntil("wakebake", Phase.Succeeded, Duration.ofSeconds(20));

      awaitWatched(phases, Phase.Succeeded);
      assertThat(phases.phases()).containsSubsequence(Phase.Baking, Phase.Succeeded);
      // Seen within the requeue margin (plus a test poll or two) of the instant it fell due.
      assertThat(Duration.between(due, seen)).isBetween(Duration.ZERO, Duration.ofMillis(2500));
      // One pass that saw it baking, one at the due instant.
      assertThat(harness.sim.callLog().count("BatchGetDeployments") - readsBefore)
          .isLessThanOrEqualTo(3);
    }
  }

  @Test
  void releaseSeenBakingWithoutTerminationWaitReachesSucceededWithoutAnIdleInterval() {
    harness.createGroup("wakerace", 0);
    try (var phases = harness.watchPhases("wakerace")) {
      harness.apply(release("wakerace").image("example/wakerace:2").build());
      String id = harness.awaitRelease("wakerace", s -> s.deploymentId() != null).deploymentId();
      advanceUntil(id, d -> d.state() == DeploymentState.IN_PROGRESS && d.target() != null);

      // The race: the next deployment read answers InProgress, then AWS finishes the deployment
      // before the target is read, so that pass sees the target succeeded and reports Baking.
      var armed = new AtomicBoolean(true);
      harness
          .sim
          .callLog()
          .onCall(
              call -> {
                if ("BatchGetDeployments".equals(call.operation()) && armed.getAndSet(false)) {
                  harness.clock.advance(Duration.ofMinutes(30));
                }
              });
      long start = System.nanoTime();
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> harness.status("wakerace").phase() == Phase.Succeeded);

      awaitWatched(phases, Phase.Succeeded);
      assertThat(phases.phases()).containsSubsequence(Phase.Baking, Phase.Succeeded);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  /** The watch delivers a status write a little after a read can see it. */
  private static void awaitWatched(PhaseWatcher phases, Phase phase) {
    await().atMost(Duration.ofSeconds(5)).until(() -> phases.phases().contains(phase));
  }

  /** The simulated instant the release was first seen in the phase, time moving with the wall. */
  private Instant inWallTimeUntil(String name, Phase phase, Duration timeout) {
    return InWallTime.until(harness, name, s -> s.phase() == phase, timeout);
  }

  /** When the deployment's target succeeded (AfterAllowTraffic ended), moving time until it has. */
  private Instant targetSucceededAt(String id) {
    var d = advanceUntil(id, s -> s.target() != null && "Succeeded".equals(s.target().status()));
    return d.target().lifecycleEvents().stream()
        .filter(e -> "AfterAllowTraffic".equals(e.name()))
        .map(DeploymentSnapshot.LifecycleEvent::endTime)
        .findFirst()
        .orElseThrow();
  }

  private DeploymentSnapshot advanceUntil(String id, Predicate<DeploymentSnapshot> condition) {
    var codeDeploy = harness.access.forTarget(null).codeDeploy();
    for (int i = 0; i < 500; i++) {
      var d = codeDeploy.describeDeployments(List.of(id)).get(0);
      if (condition.test(d)) {
        return d;
      }
      harness.clock.advance(Duration.ofSeconds(5));
    }
    throw new AssertionError("Deployment " + id + " never reached the expected state");
  }
}
