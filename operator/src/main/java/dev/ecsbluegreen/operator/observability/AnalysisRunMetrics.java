package dev.ecsbluegreen.operator.observability;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;

/**
 * {@code ecs_bluegreen_analysis_runs_total{release,check,result}}: analysis runs counted into a
 * release's status, by result (pass, fail, inconclusive). Counted from the difference between two
 * statuses, so a run shows here exactly when it shows on the release.
 */
final class AnalysisRunMetrics {
  private final MeterRegistry registry;

  AnalysisRunMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void reported(
      ResourceID release, EcsBlueGreenReleaseStatus previous, EcsBlueGreenReleaseStatus current) {
    if (current.analysis() == null) {
      return;
    }
    List<AnalysisCheckStatus> before =
        previous == null || previous.analysis() == null ? List.of() : previous.analysis();
    for (var check : current.analysis()) {
      var earlier =
          before.stream()
              .filter(
                  b ->
                      b.name().equals(check.name())
                          && Objects.equals(b.deploymentId(), check.deploymentId()))
              .findFirst();
      int passes = check.passes() - earlier.map(AnalysisCheckStatus::passes).orElse(0);
      int failures = check.failures() - earlier.map(AnalysisCheckStatus::failures).orElse(0);
      int inconclusive =
          check.inconclusive() - earlier.map(AnalysisCheckStatus::inconclusive).orElse(0);
      count(release, check.name(), "pass", passes);
      count(release, check.name(), "fail", failures);
      count(release, check.name(), "inconclusive", inconclusive);
    }
  }

  private void count(ResourceID release, String check, String result, int runs) {
    if (runs <= 0) {
      return;
    }
    Counter.builder(OperatorMetrics.PREFIX + "analysis.runs")
        .description("Analysis runs counted into a release's status, by result")
        .tag("release", release.getNamespace().orElse("") + "/" + release.getName())
        .tag("check", check)
        .tag("result", result)
        .register(registry)
        .increment(runs);
  }
}
