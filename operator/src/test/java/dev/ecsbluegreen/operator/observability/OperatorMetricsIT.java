package dev.ecsbluegreen.operator.observability;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.ha.OperatorReplicas;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What /metrics shows after a real release through the operator, the SDK and the simulator. */
class OperatorMetricsIT {
  static OperatorReplicas cluster;
  static OperatorReplicas.Replica operator;

  @BeforeAll
  static void start() {
    cluster = new OperatorReplicas("metered", "deleted");
    operator = cluster.start("solo", null);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void aFinishedReleaseShowsInPhasesDurationsDelaysAwsCallsAndReconciles() {
    // The other test shares this operator; count only what this release adds.
    var before = scrape();
    cluster.createGroup("metered", "CONTINUE_DEPLOYMENT", null);
    cluster.apply(release("metered").build());
    var status = cluster.awaitRelease("metered", s -> s.phase() == Phase.Succeeded);

    // The pass records its metrics just after it writes the status the test saw.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              var scraped = scrape();
              assertThat(added(before, scraped, SUCCEEDED)).isEqualTo(1);
              assertThat(added(before, scraped, DURATIONS)).isEqualTo(1);
              assertThat(added(before, scraped, COMPLETED)).isEqualTo(1);
            });
    var metrics = scrape();
    assertThat(metrics.value("ecs_bluegreen_releases", "phase", "Deploying")).isZero();
    assertThat(metrics.value("ecs_bluegreen_leader")).isEqualTo(1);

    var took =
        Duration.between(
            java.time.Instant.parse(status.startedAt()),
            java.time.Instant.parse(status.completedAt()));
    assertThat(
            metrics.value(DURATION_SUM[0], DURATION_SUM[1], DURATION_SUM[2])
                - valueOrZero(before, DURATION_SUM))
        .isEqualTo(took.toSeconds(), org.assertj.core.data.Offset.offset(0.001));
    assertThat(added(before, metrics, CREATED)).isEqualTo(1);
    assertThat(added(before, metrics, ENDED_EVENTS)).isPositive();
    assertThat(added(before, metrics, CREATE_CALLS)).isEqualTo(1);
    assertThat(metrics.value("ecs_bluegreen_operator_sdk_reconciliations_started_total"))
        .isPositive();
  }

  private static final String[] SUCCEEDED = {"ecs_bluegreen_releases", "phase", "Succeeded"};
  private static final String[] DURATIONS = {
    "ecs_bluegreen_release_duration_seconds_count", "outcome", "Succeeded"
  };
  private static final String[] DURATION_SUM = {
    "ecs_bluegreen_release_duration_seconds_sum", "outcome", "Succeeded"
  };
  private static final String[] CREATED = {
    "ecs_bluegreen_status_delay_seconds_count", "change", "deployment_created"
  };
  private static final String[] COMPLETED = {
    "ecs_bluegreen_status_delay_seconds_count", "change", "deployment_completed"
  };
  private static final String[] ENDED_EVENTS = {
    "ecs_bluegreen_status_delay_seconds_count", "change", "lifecycle_event_ended"
  };
  private static final String[] CREATE_CALLS = {
    "ecs_bluegreen_aws_calls_seconds_count",
    "service",
    "CodeDeploy",
    "operation",
    "CreateDeployment",
    "outcome",
    "ok",
    "code",
    "none"
  };

  /** How much a sample grew between two scrapes; a sample not yet present counts as 0. */
  private static double added(PrometheusText before, PrometheusText after, String[] sample) {
    return valueOrZero(after, sample) - valueOrZero(before, sample);
  }

  private static double valueOrZero(PrometheusText scrape, String[] sample) {
    var labels = new java.util.HashMap<String, String>();
    for (int i = 1; i < sample.length; i += 2) {
      labels.put(sample[i], sample[i + 1]);
    }
    return scrape.value(sample[0], labels).orElse(0);
  }

  @Test
  void aDeletedReleaseNoLongerCountsInItsPhase() {
    cluster.createGroup("deleted", "CONTINUE_DEPLOYMENT", null);
    cluster.apply(release("deleted").build());
    cluster.awaitRelease("deleted", s -> s.phase() == Phase.Succeeded);
    await().until(() -> succeeded() >= 1);
    double before = succeeded();

    cluster
        .client
        .resources(EcsBlueGreenRelease.class)
        .inNamespace(OperatorReplicas.NAMESPACE)
        .withName("deleted")
        .delete();

    await().atMost(Duration.ofSeconds(20)).until(() -> cluster.status("deleted") == null);
    await().atMost(Duration.ofSeconds(5)).until(() -> succeeded() == before - 1);
  }

  private static double succeeded() {
    return scrape().value("ecs_bluegreen_releases", "phase", "Succeeded");
  }

  private static PrometheusText scrape() {
    var response = operator.get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    return new PrometheusText(response.body());
  }
}
