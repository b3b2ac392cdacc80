package dev.ecsbluegreen.operator.observability;

import static dev.ecsbluegreen.operator.observability.StatusChangesTest.T0;
import static dev.ecsbluegreen.operator.observability.StatusChangesTest.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerReleaseMetricsTest {
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final MicrometerReleaseMetrics metrics = new MicrometerReleaseMetrics(registry);
  final ResourceID checkout = new ResourceID("checkout", "payments");
  final ResourceID orders = new ResourceID("orders", "payments");

  @Test
  void analysisRunsAreCountedOnceEachByResult() {
    var release = new ResourceID("web", "shop");
    var oneRun = withAnalysis(check(1, 0, 0));
    var threeRuns = withAnalysis(check(3, 1, 1));

    metrics.reported(release, null, oneRun, T0);
    metrics.reported(release, oneRun, threeRuns, T0);
    metrics.reported(release, threeRuns, threeRuns, T0);

    assertThat(runs("pass")).isEqualTo(1.0);
    assertThat(runs("fail")).isEqualTo(1.0);
    assertThat(runs("inconclusive")).isEqualTo(1.0);
  }

  private static dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus withAnalysis(
      dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus check) {
    return status("d-1", Phase.TestTraffic, T0, null, List.of()).withAnalysis(List.of(check), null);
  }

  private double runs(String result) {
    return registry
        .get("ecs_bluegreen.analysis.runs")
        .tag("release", "shop/web")
        .tag("check", "smoke")
        .tag("result", result)
        .counter()
        .count();
  }

  private static dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus check(
      int runs, int failures, int inconclusive) {
    return new dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus(
        "smoke",
        null,
        "d-1",
        dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus.Verdict.Running,
        runs,
        failures,
        inconclusive,
        null,
        null,
        null,
        null);
  }

  @Test
  void releasesAreCountedByTheirLastReportedPhase() {
    metrics.reported(checkout, null, status("d-1", Phase.Deploying, T0, null, List.of()), T0);
    metrics.reported(orders, null, status("d-2", Phase.Deploying, T0, null, List.of()), T0);
    metrics.reported(
        checkout,
        status("d-1", Phase.Deploying, T0, null, List.of()),
        status("d-1", Phase.Baking, T0, null, List.of()),
        T0);

    assertThat(phase(Phase.Deploying)).isEqualTo(1);
    assertThat(phase(Phase.Baking)).isEqualTo(1);
    assertThat(phase(Phase.Succeeded)).isZero();
  }

  @Test
  void aForgottenReleaseNoLongerCounts() {
    metrics.reported(checkout, null, status("d-1", Phase.Baking, T0, null, List.of()), T0);

    metrics.forget(checkout);

    assertThat(phase(Phase.Baking)).isZero();
  }

  @Test
  void theDurationOfAFinishedReleaseIsRecordedOnceByOutcome() {
    var baking = status("d-1", Phase.Baking, T0, null, List.of());
    var rolledBack = status("d-1", Phase.RolledBack, T0, T0.plusSeconds(120), List.of());

    metrics.reported(checkout, baking, rolledBack, T0.plusSeconds(125));
    metrics.reported(checkout, rolledBack, rolledBack, T0.plusSeconds(200));

    var timer = registry.get("ecs_bluegreen.release.duration").tag("outcome", "RolledBack").timer();
    assertThat(timer.count()).isEqualTo(1);
    assertThat(timer.totalTime(TimeUnit.SECONDS)).isEqualTo(120);
  }

  @Test
  void theDelayIsFromTheAwsChangeToThePassThatFirstReportsIt() {
    var created = status("d-1", Phase.Deploying, T0, null, List.of());

    metrics.reported(checkout, null, created, T0.plusSeconds(7));
    metrics.reported(checkout, created, created, T0.plusSeconds(60));

    var timer =
        registry.get("ecs_bluegreen.status.delay").tag("change", "deployment_created").timer();
    assertThat(timer.count()).isEqualTo(1);
    assertThat(timer.totalTime(TimeUnit.SECONDS)).isEqualTo(7);
  }

  private double phase(Phase phase) {
    return registry.get("ecs_bluegreen.releases").tag("phase", phase.name()).gauge().value();
  }
}
