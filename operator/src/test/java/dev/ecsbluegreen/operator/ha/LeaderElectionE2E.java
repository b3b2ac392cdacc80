package dev.ecsbluegreen.operator.ha;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;
import dev.ecsbluegreen.operator.fixtures.RealApiServer;
import dev.ecsbluegreen.operator.reconciler.Actions;
import dev.ecsbluegreen.simulator.http.ApiCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two replicas electing a leader through a real Lease: the leader dies abruptly in the middle of a
 * deployment (no shutdown, its requests simply stop), and the standby takes the Lease over once it
 * expires and finishes that same deployment.
 */
@OnRealApiServer
class LeaderElectionE2E {
  static final String LEASE = "ecs-bluegreen-operator";
  // Short timings so the takeover fits a test; production uses 15 s / 10 s / 2 s.
  static final Duration LEASE_DURATION = Duration.ofSeconds(3);
  static final Duration RENEW_DEADLINE = Duration.ofSeconds(2);
  static final Duration RETRY_PERIOD = Duration.ofMillis(250);

  @Test
  void standbyFinishesACrashedLeadersDeploymentWithoutASecondOne() {
    var server = RealApiServer.get();
    try (var cluster =
        OperatorReplicas.onRealServer(
            server.newNamespace("election"), server.newNamespace("election-operator"), "crash")) {
      cluster.createGroup("crash", "STOP_DEPLOYMENT", 600);
      var first = cluster.start("replica-a", election(cluster, "replica-a"));
      await().atMost(Duration.ofSeconds(20)).until(first.leadership::isLeader);
      var second = cluster.start("replica-b", election(cluster, "replica-b"));

      cluster.apply(release("crash").manualPromotion().build());
      var waiting = cluster.awaitRelease("crash", s -> s.phase() == Phase.AwaitingPromotion);
      assertThat(holder(cluster)).isEqualTo("replica-a");
      assertThat(second.leadership.isLeader()).isFalse();
      assertThat(second.passes).hasValue(0);

      var crashedAt = Instant.now();
      first.crash();
      int callsBeforeCrash = callsBy(cluster, first.accessKey).size();
      await().atMost(Duration.ofSeconds(20)).until(second.leadership::isLeader);
      var takeover = Duration.between(crashedAt, Instant.now());
      System.out.printf(
          "Leader takeover on a real API server took %d ms (lease %d ms, retry %d ms)%n",
          takeover.toMillis(), LEASE_DURATION.toMillis(), RETRY_PERIOD.toMillis());

      assertThat(holder(cluster)).isEqualTo("replica-b");
      // The standby waits for the Lease to expire, then acquires it on its next try.
      assertThat(takeover)
          .isGreaterThanOrEqualTo(LEASE_DURATION.minus(RETRY_PERIOD))
          .isLessThan(LEASE_DURATION.plus(RETRY_PERIOD).plusSeconds(3));

      cluster.annotate("crash", Actions.PROMOTE);
      var done = cluster.awaitRelease("crash", s -> s.phase() == Phase.Succeeded);

      assertThat(done.deploymentId()).isEqualTo(waiting.deploymentId());
      assertThat(cluster.sim.callLog().count("CreateDeployment")).isEqualTo(1);
      assertThat(callsBy(cluster, second.accessKey))
          .contains("ContinueDeployment")
          .doesNotContain("CreateDeployment");
      assertThat(callsBy(cluster, first.accessKey)).hasSize(callsBeforeCrash);
      assertThat(second.lostLeadership).isFalse();
    }
  }

  /**
   * The takeover the chart's timings give (JOSDK's defaults: lease 15 s, renew deadline 10 s, retry
   * 2 s), measured, and the hand-over is clean: the cut-off leader gives up at its renew deadline,
   * before the Lease expires for the standby, so at no moment do both act.
   */
  @Test
  void withTheChartsTimingsTheStandbyTakesOverAfterTheLeaseAndNeverBesideTheLeader() {
    var server = RealApiServer.get();
    try (var cluster =
        OperatorReplicas.onRealServer(
            server.newNamespace("chart-timings"), server.newNamespace("chart-timings-operator"))) {
      var first = cluster.start("replica-a", chartElection(cluster, "replica-a"));
      await().atMost(Duration.ofSeconds(30)).until(first.leadership::isLeader);
      var second = cluster.start("replica-b", chartElection(cluster, "replica-b"));
      var timings = chartElection(cluster, "replica-b");

      var crashedAt = Instant.now();
      first.crash();
      await().atMost(Duration.ofSeconds(40)).until(second.leadership::isLeader);
      var takeover = Duration.between(crashedAt, Instant.now());
      boolean leaderHadGivenUp = first.lostLeadership.get();
      System.out.printf(
          "Leader takeover on a real API server with the chart's timings took %d ms"
              + " (lease %d s, renew deadline %d s, retry %d s)%n",
          takeover.toMillis(),
          timings.leaseDuration().toSeconds(),
          timings.renewDeadline().toSeconds(),
          timings.retryPeriod().toSeconds());

      assertThat(leaderHadGivenUp).as("the old leader gave up before the standby led").isTrue();
      assertThat(takeover)
          .isGreaterThanOrEqualTo(timings.leaseDuration().minus(timings.retryPeriod()))
          .isLessThan(timings.leaseDuration().plus(timings.retryPeriod()).plusSeconds(3));
    }
  }

  private static LeaderElectionSettings chartElection(OperatorReplicas cluster, String identity) {
    return LeaderElectionSettings.of(LEASE, cluster.operatorNamespace, identity);
  }

  private static LeaderElectionSettings election(OperatorReplicas cluster, String identity) {
    return LeaderElectionSettings.of(LEASE, cluster.operatorNamespace, identity)
        .withTimings(LEASE_DURATION, RENEW_DEADLINE, RETRY_PERIOD);
  }

  private static String holder(OperatorReplicas cluster) {
    return cluster
        .client
        .leases()
        .inNamespace(cluster.operatorNamespace)
        .withName(LEASE)
        .get()
        .getSpec()
        .getHolderIdentity();
  }

  private static List<String> callsBy(OperatorReplicas cluster, String accessKey) {
    return cluster.sim.callLog().all().stream()
        .filter(c -> c.caller().equals(accessKey))
        .map(ApiCall::operation)
        .toList();
  }
}
