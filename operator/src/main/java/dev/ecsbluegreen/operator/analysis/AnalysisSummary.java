package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The analysis gate in a few words, for a printer column: {@code Failed smoke} once a check failed,
 * {@code Passed} once every check passed, else each check still counting as passing runs over runs
 * needed ({@code 2/3 smoke, 0/2 bake}); a check that has not started yet counts from 0. Pure.
 */
public final class AnalysisSummary {
  private AnalysisSummary() {}

  /** The summary, or null when the release has no checks or none has a status yet. */
  public static String of(List<AnalysisCheck> checks, List<AnalysisCheckStatus> statuses) {
    if (checks.isEmpty() || statuses == null || statuses.isEmpty()) {
      return null;
    }
    var failed = statuses.stream().filter(s -> s.verdict() == Verdict.Failed).findFirst();
    if (failed.isPresent()) {
      return "Failed " + failed.get().name();
    }
    Map<String, AnalysisCheckStatus> byName =
        statuses.stream()
            .collect(Collectors.toMap(AnalysisCheckStatus::name, Function.identity(), (a, b) -> a));
    List<String> counting = new ArrayList<>();
    for (var check : checks) {
      var status = byName.get(check.name());
      if (status == null) {
        counting.add("0/%d %s".formatted(check.count(), check.name()));
      } else if (status.verdict() == Verdict.Running) {
        counting.add("%d/%d %s".formatted(status.passes(), check.count(), check.name()));
      }
    }
    return counting.isEmpty() ? "Passed" : String.join(", ", counting);
  }
}
