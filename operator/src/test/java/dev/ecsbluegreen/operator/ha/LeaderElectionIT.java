package dev.ecsbluegreen.operator.ha;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.reconciler.Actions;
import dev.ecsbluegreen.simulator.http.ApiCall;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas with leader election, as the chart runs them: only the Lease holder reconciles and
 * calls AWS, the standby still reports healthy and ready, and when the leader stops in the middle
 * of a release the standby takes over and finishes that same deployment.
 */
class LeaderElectionIT {
  static final String LEASE = "ecs-bluegreen-operator";
  // Short timings so the takeover fits a test; production uses 15 s / 10 s / 2 s.
  static final Duration LEASE_DURATION = Duration.ofSeconds(3);
  static final Duration RENEW_DEADLINE = Duration.ofSeconds(2);
  static final Duration RETRY_PERIOD = Duration.ofMillis(250);

  OperatorReplicas cluster;

  @BeforeEach
  void start() {
    cluster = new OperatorReplicas("handover");
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void standbyTakesOverAMidwayReleaseAndFinishesItWithoutASecondDeployment() {
    cluster.createGroup("handover", "STOP_DEPLOYMENT", 600);
    var first = cluster.start("replica-a", election("replica-a"));
    await().atMost(Duration.ofSeconds(20)).until(first.leadership::isLeader);
    var second = cluster.start("replica-b", election("replica-b"));

    // The standby is up, healthy and ready, but does not lead.
    assertThat(second.get("/readyz").statusCode()).isEqualTo(200);
    assertThat(second.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(second.get("/metrics").body()).contains("ecs_bluegreen_leader 0.0");
    assertThat(first.get("/metrics").body()).contains("ecs_bluegreen_leader 1.0");
    assertThat(holder()).isEqualTo("replica-a");

    cluster.apply(release("handover").manualPromotion().build());
    var waiting = cluster.awaitRelease("handover", s -> s.phase() == Phase.AwaitingPromotion);

    assertThat(callers()).containsOnly(first.accessKey);
    assertThat(second.passes).hasValue(0);
    assertThat(second.leadership.isLeader()).isFalse();

    var stoppedAt = Instant.now();
    first.close();
    await().atMost(Duration.ofSeconds(20)).until(second.leadership::isLeader);
    var takeover = Duration.between(stoppedAt, Instant.now());
    System.out.printf("Leader takeover took %d ms%n", takeover.toMillis());
    assertThat(holder()).isEqualTo("replica-b");
    assertThat(takeover).isLessThan(LEASE_DURATION.plus(Duration.ofSeconds(5)));

    cluster.annotate("handover", Actions.PROMOTE);
    var done = cluster.awaitRelease("handover", s -> s.phase() == Phase.Succeeded);

    assertThat(done.deploymentId()).isEqualTo(waiting.deploymentId());
    assertThat(cluster.sim.callLog().count("CreateDeployment")).isEqualTo(1);
    assertThat(callsBy(second.accessKey)).contains("ContinueDeployment");
    assertThat(callsBy(second.accessKey)).doesNotContain("CreateDeployment");
    assertThat(second.passes.get()).isPositive();
    assertThat(first.lostLeadership).isFalse();
    assertThat(second.lostLeadership).isFalse();
  }

  @Test
  void theLeaseRenewalAgeStaysLowWhileTheLeaderRenewsAndGrowsOnceItCannot() {
    var leader = cluster.start("replica-a", election("replica-a"));
    await().atMost(Duration.ofSeconds(20)).until(leader.leadership::isLeader);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> renewalAge(leader) >= 0 && renewalAge(leader) < RENEW_DEADLINE.toSeconds());

    // Cut off from the API server, it can neither renew nor read the Lease: its age grows past
    // the renew deadline, and the replica gives up leading rather than act on a stale Lease.
    leader.crash();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> renewalAge(leader) > RENEW_DEADLINE.toSeconds());
    await().atMost(Duration.ofSeconds(20)).untilTrue(leader.lostLeadership);
    assertThat(leader.leadership.isLeader()).isFalse();

    var standby = cluster.start("replica-b", election("replica-b"));
    await().atMost(Duration.ofSeconds(20)).until(standby.leadership::isLeader);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> renewalAge(standby) >= 0 && renewalAge(standby) < RENEW_DEADLINE.toSeconds());
  }

  /** The replica's {@code ecs_bluegreen_leader_lease_renewal_age_seconds}; NaN before a read. */
  private static double renewalAge(OperatorReplicas.Replica replica) {
    var matcher =
        Pattern.compile("(?m)^ecs_bluegreen_leader_lease_renewal_age_seconds (\\S+)$")
            .matcher(replica.get("/metrics").body());
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
  }

  private LeaderElectionSettings election(String identity) {
    return LeaderElectionSettings.of(LEASE, OperatorReplicas.OPERATOR_NAMESPACE, identity)
        .withTimings(LEASE_DURATION, RENEW_DEADLINE, RETRY_PERIOD);
  }

  private String holder() {
    Lease lease =
        cluster
            .client
            .leases()
            .inNamespace(OperatorReplicas.OPERATOR_NAMESPACE)
            .withName(LEASE)
            .get();
    return lease.getSpec().getHolderIdentity();
  }

  /** Access keys that signed an AWS call, setup left out. */
  private Set<String> callers() {
    return cluster.sim.callLog().all().stream()
        .map(ApiCall::caller)
        .filter(caller -> !caller.equals("AKIDSETUP"))
        .collect(Collectors.toSet());
  }

  private List<String> callsBy(String accessKey) {
    return cluster.sim.callLog().all().stream()
        .filter(c -> c.caller().equals(accessKey))
        .map(ApiCall::operation)
        .toList();
  }
}
