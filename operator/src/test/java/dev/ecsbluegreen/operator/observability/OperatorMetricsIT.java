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
    cluster.createGroup("metered", "CONTINUE_DEPLOYMENT", null);
    cluster.apply(release("metered").build());
    var status = cluster.awaitRelease("metered", s -> s.phase() == Phase.Succeeded);

    var metrics = scrape();
    assertThat(metrics.value("ecs_bluegreen_releases", "phase", "Succeeded")).isEqualTo(1);
    assertThat(metrics.value("ecs_bluegreen_releases", "phase", "Deploying")).isZero();
    assertThat(metrics.value("ecs_bluegreen_leader")).isEqualTo(1);

    var took =
        Duration.between(
            java.time.Instant.parse(status.startedAt()),
            java.time.Instant.parse(status.completedAt()));
    assertThat(
            metrics.value("ecs_bluegreen_release_duration_seconds_count", "outcome", "Succeeded"))
        .isEqualTo(1);
    assertThat(metrics.value("ecs_bluegreen_release_duration_seconds_sum", "outcome", "Succeeded"))
        .isEqualTo(took.toSeconds(), org.assertj.core.data.Offset.offset(0.001));

    assertThat(
            metrics.value(
                "ecs_bluegreen_status_delay_seconds_count", "change", "deployment_created"))
        .isEqualTo(1);
    assertThat(
            metrics.value(
                "ecs_bluegreen_status_delay_seconds_count", "change", "deployment_completed"))
        .isEqualTo(1);
    assertThat(
            metrics.value(
                "ecs_bluegreen_status_delay_seconds_count", "change", "lifecycle_event_ended"))
        .isPositive();

    assertThat(
            metrics.value(
                "ecs_bluegreen_aws_calls_seconds_count",
                "service",
                "CodeDeploy",
                "operation",
                "CreateDeployment",
                "outcome",
                "ok",
                "code",
                "none"))
        .isEqualTo(1);
    assertThat(metrics.value("ecs_bluegreen_operator_sdk_reconciliations_started_total"))
        .isPositive();
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
