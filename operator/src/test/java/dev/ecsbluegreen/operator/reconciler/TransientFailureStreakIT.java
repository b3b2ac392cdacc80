package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.simulator.http.Faults.ServerError;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A release whose passes keep failing on a transient AWS error, more times in a row than any retry
 * limit would allow, is never parked: it keeps trying on its own capped backoff and goes on as soon
 * as AWS answers. The other calls of each pass succeed, so the account's breaker never opens and
 * the outage path never takes over.
 */
class TransientFailureStreakIT {
  static final String LANE = "streak";
  static final int FAILED_PASSES = 12;

  OperatorHarness harness;

  @BeforeEach
  void start() {
    // One SDK attempt per call: each injected error fails a whole pass.
    harness = new OperatorHarness(KubernetesUnderTest.mockServer(), 1, LANE);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void aReleaseFailingTwelvePassesInARowGoesOnOnceAwsAnswers() {
    harness.createGroup(LANE, 0);
    harness
        .sim
        .faults()
        .serverErrorNext("RegisterTaskDefinition", FAILED_PASSES, ServerError.INTERNAL_FAILURE);

    harness.apply(release(LANE).build());

    // Wall-clock time only: the passes retry on their own, nobody moves the simulated clock.
    await().atMost(Duration.ofSeconds(30)).until(() -> registrations() >= 3);
    var failing = harness.status(LANE);
    assertThat(failing.message()).contains("InternalFailure").endsWith("; retrying");
    assertThat(Conditions.find(failing.conditions(), Conditions.RECONCILING).orElseThrow())
        .satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"))
        .satisfies(c -> assertThat(c.getReason()).isEqualTo(Reasons.AWS_UNAVAILABLE));

    await().atMost(Duration.ofSeconds(30)).until(() -> registrations() > FAILED_PASSES);

    var done = harness.awaitPhase(LANE, Phase.Succeeded);
    assertThat(done.deploymentId()).isNotNull();
    assertThat(harness.deployments(LANE)).hasSize(1);
    assertThat(harness.sim.callLog().count("RegisterTaskDefinition")).isEqualTo(FAILED_PASSES + 1);
    assertThat(harness.revisions(LANE)).hasSize(2);
  }

  private long registrations() {
    return harness.sim.callLog().count("RegisterTaskDefinition");
  }
}
