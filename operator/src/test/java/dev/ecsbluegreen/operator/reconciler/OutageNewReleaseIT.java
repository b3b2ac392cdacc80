package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.simulator.http.Faults.ServerError;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A release created while its AWS account and region is down shows the outage like the releases
 * already in flight (Reconciling, what fails and since when), and starts once AWS answers.
 */
class OutageNewReleaseIT {
  static final String IN_FLIGHT = "outage-first";
  static final String CREATED = "outage-new";
  static final Duration STEP = Duration.ofSeconds(5);

  OperatorHarness harness;

  @BeforeEach
  void start() {
    harness = new OperatorHarness(KubernetesUnderTest.mockServer(), 2, IN_FLIGHT, CREATED);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void aReleaseCreatedDuringAnOutageShowsItAndStartsOnceAwsAnswers() {
    harness.createGroup(IN_FLIGHT, 0);
    harness.createGroup(CREATED, 0);
    harness.apply(release(IN_FLIGHT).canary(10, 30).build());
    harness.awaitRelease(IN_FLIGHT, s -> s.phase() == Phase.ShiftingTraffic);

    harness.sim.faults().serverError("*", 1.0, ServerError.SERVICE_UNAVAILABLE);
    try {
      harness.advanceUntil(STEP, () -> saysOutage(harness.status(IN_FLIGHT)));
      String outage = harness.status(IN_FLIGHT).message();

      harness.apply(release(CREATED).build());
      harness.advanceUntil(STEP, () -> saysOutage(harness.status(CREATED)));

      var status = harness.status(CREATED);
      assertThat(status.phase()).isEqualTo(Phase.Pending);
      assertThat(status.message()).isEqualTo(outage);
      var reconciling = Conditions.find(status.conditions(), Conditions.RECONCILING).orElseThrow();
      assertThat(reconciling.getStatus()).isEqualTo("True");
      assertThat(reconciling.getReason()).isEqualTo(Reasons.AWS_UNAVAILABLE);
      assertThat(reconciling.getMessage()).isEqualTo(outage);
    } finally {
      harness.sim.faults().clear();
    }

    harness.awaitPhase(CREATED, Phase.Succeeded);
    assertThat(harness.deployments(CREATED)).hasSize(1);
  }

  private static boolean saysOutage(EcsBlueGreenReleaseStatus status) {
    return status != null
        && status.message() != null
        && status.message().contains(" unreachable since ");
  }
}
