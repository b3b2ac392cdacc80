package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.aws.AwsGuardSettings;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.simulator.http.Faults.ServerError;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An AWS outage across several releases in flight: the operator notices the whole account and
 * region is down, tells each release once (what fails and since when), then probes AWS slowly
 * instead of every release retrying on its own, and writes nothing more until AWS is back; then
 * every release carries on from where it was, with no second deployment.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutageStatusWritesIT {
  static final List<String> LANES = List.of("outage-a", "outage-b", "outage-c", "outage-d");
  static final Duration OUTAGE = Duration.ofMinutes(10);
  static final Duration STEP = Duration.ofSeconds(5);

  /** The harness's SDK attempts per call: each probe is one call of at most this many requests. */
  static final int ATTEMPTS = 2;

  OperatorHarness harness;

  @BeforeAll
  void start() {
    harness =
        new OperatorHarness(
            KubernetesUnderTest.mockServer(), ATTEMPTS, LANES.toArray(String[]::new));
  }

  @AfterAll
  void stop() {
    harness.close();
  }

  @Test
  void anOutageIsReportedOnceProbedSlowlyAndSurvivedWithoutASecondDeployment() {
    for (String lane : LANES) {
      harness.createGroup(lane, 0);
      harness.apply(release(lane).canary(10, 30).build());
    }
    for (String lane : LANES) {
      harness.awaitRelease(
          lane, s -> s.phase() == Phase.ShiftingTraffic && s.traffic().green() == 10);
    }
    Map<String, String> reconcilingSince = new HashMap<>();
    for (String lane : LANES) {
      reconcilingSince.put(lane, reconciling(lane).getLastTransitionTime());
    }

    List<String> writes = new CopyOnWriteArrayList<>();
    var releases =
        harness
            .client
            .resources(EcsBlueGreenRelease.class)
            .inNamespace(harness.get(LANES.get(0)).getMetadata().getNamespace());
    try (var watch = releases.watch(counting(writes))) {
      Instant outageStart = harness.clock.now();
      harness.sim.faults().serverError("*", 1.0, ServerError.SERVICE_UNAVAILABLE);

      harness.advanceUntil(
          STEP, () -> LANES.stream().allMatch(lane -> saysOutage(harness.status(lane))));
      for (String lane : LANES) {
        var status = harness.status(lane);
        assertThat(status.message())
            .startsWith("AWS ECS/CodeDeploy in us-east-1 unreachable since ")
            .contains("ServiceUnavailable, HTTP 503")
            .endsWith("; retrying every 30 s");
        Instant since = Instant.parse(status.message().replaceFirst(".* since (\\S+): .*", "$1"));
        assertThat(since).isBetween(outageStart, harness.clock.now());
        assertThat(reconciling(lane).getReason()).isEqualTo(Reasons.AWS_UNAVAILABLE);
        assertThat(reconciling(lane).getMessage()).isEqualTo(status.message());
      }
      assertThat(writes.size())
          .as("status writes until every release shows the outage: a retry note and the outage")
          .isLessThanOrEqualTo(2 * LANES.size());

      writes.clear();
      int callsBefore = harness.sim.callLog().size();
      Instant from = harness.clock.now();
      harness.advanceUntil(STEP, () -> !harness.clock.now().isBefore(from.plus(OUTAGE)));
      int calls = harness.sim.callLog().size() - callsBefore;

      long probes = OUTAGE.dividedBy(AwsGuardSettings.DEFAULT_PROBE_EVERY);
      assertThat(calls)
          .as("AWS calls in %s of outage with %d releases in flight", OUTAGE, LANES.size())
          .isBetween(1, (int) (ATTEMPTS * (probes + 1)));
      assertThat(writes).as("status writes once the outage is reported").isEmpty();
      for (String lane : LANES) {
        assertThat(harness.status(lane).phase()).isEqualTo(Phase.ShiftingTraffic);
        assertThat(reconciling(lane).getLastTransitionTime())
            .as("Reconciling's transition time: its status did not change")
            .isEqualTo(reconcilingSince.get(lane));
      }
    } finally {
      harness.sim.faults().clear();
    }

    Instant back = harness.clock.now();
    harness.advanceUntil(
        STEP, () -> LANES.stream().noneMatch(lane -> saysOutage(harness.status(lane))));
    // A release carries on at the first probe after AWS answers again; simulated time moves a STEP
    // every 50 ms whether or not the operator kept up, so on a loaded machine it runs a few steps
    // ahead. A second probe period is the margin; waiting for the next resync would take minutes.
    assertThat(Duration.between(back, harness.clock.now()))
        .as("time for every release to carry on once AWS answers")
        .isLessThanOrEqualTo(AwsGuardSettings.DEFAULT_PROBE_EVERY.multipliedBy(2));

    for (String lane : LANES) {
      harness.awaitPhase(lane, Phase.Succeeded);
      assertThat(harness.deployments(lane)).as("deployments of " + lane).hasSize(1);
    }
  }

  private Condition reconciling(String lane) {
    return Conditions.find(harness.status(lane).conditions(), Conditions.RECONCILING).orElseThrow();
  }

  private static boolean saysOutage(EcsBlueGreenReleaseStatus status) {
    return status.message() != null && status.message().contains(" unreachable since ");
  }

  private static Watcher<EcsBlueGreenRelease> counting(List<String> writes) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, EcsBlueGreenRelease release) {
        if (action == Action.MODIFIED && LANES.contains(release.getMetadata().getName())) {
          writes.add(
              release.getMetadata().getName() + "@" + release.getMetadata().getResourceVersion());
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }
}
