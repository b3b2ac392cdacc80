package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.simulator.http.Faults.ServerError;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * During an AWS outage every reconcile fails and is retried; the status says so once and is not
 * rewritten by each further failed retry of the same error, since nothing a user reads changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutageStatusWritesIT {
  static final String LANE = "outage";

  OperatorHarness harness;

  @BeforeAll
  void start() {
    harness = new OperatorHarness(KubernetesUnderTest.mockServer(), LANE);
  }

  @AfterAll
  void stop() {
    harness.close();
  }

  @Test
  void failedRetriesOfTheSameErrorDoNotRewriteTheStatus() {
    harness.createGroup(LANE, 0);
    harness.apply(release(LANE).canary(10, 30).build());
    harness.awaitRelease(
        LANE, s -> s.phase() == Phase.ShiftingTraffic && s.traffic().green() == 10);

    harness.sim.faults().serverError("*", 1.0, ServerError.SERVICE_UNAVAILABLE);
    var noted = harness.awaitRelease(LANE, s -> s.message().endsWith("; retrying"));
    var reconciling = Conditions.find(noted.conditions(), Conditions.RECONCILING).orElseThrow();
    assertThat(reconciling.getReason()).isEqualTo(Reasons.AWS_UNAVAILABLE);

    List<String> writes = new CopyOnWriteArrayList<>();
    var releases =
        harness
            .client
            .resources(EcsBlueGreenRelease.class)
            .inNamespace(harness.get(LANE).getMetadata().getNamespace());
    try (var watch = releases.watch(counting(writes))) {
      long failedBefore = failedCalls();
      // Several more retries fail while simulated time runs on as a real clock would.
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                harness.clock.advance(Duration.ofSeconds(5));
                return failedCalls() >= failedBefore + 6;
              });
      assertThat(writes).as("status writes during the outage after the first").isEmpty();
      var during = harness.status(LANE);
      assertThat(during.phase()).isEqualTo(Phase.ShiftingTraffic);
      assertThat(Conditions.find(during.conditions(), Conditions.RECONCILING).orElseThrow())
          .isEqualTo(reconciling);
    } finally {
      harness.sim.faults().clear();
    }

    harness.awaitPhase(LANE, Phase.Succeeded);
  }

  private long failedCalls() {
    return harness.sim.calls().stream().filter(c -> !c.isOk()).count();
  }

  private static Watcher<EcsBlueGreenRelease> counting(List<String> writes) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, EcsBlueGreenRelease release) {
        if (action == Action.MODIFIED && LANE.equals(release.getMetadata().getName())) {
          writes.add(release.getMetadata().getResourceVersion());
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }
}
