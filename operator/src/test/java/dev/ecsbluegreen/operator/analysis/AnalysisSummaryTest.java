package dev.ecsbluegreen.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck.AnalysisPhase;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus.Verdict;
import dev.ecsbluegreen.operator.api.v1alpha1.HttpCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalysisSummaryTest {
  private static final AnalysisCheck SMOKE = check("smoke", AnalysisPhase.TestTraffic, 3);
  private static final AnalysisCheck SOAK = check("soak", AnalysisPhase.Baking, 10);

  @Test
  void countingChecksShowPassingRunsOverRunsNeeded() {
    assertThat(
            AnalysisSummary.of(List.of(SMOKE), List.of(status("smoke", Verdict.Running, 3, 1, 1))))
        .isEqualTo("1/3 smoke");
  }

  @Test
  void checkWhosePhaseHasNotComeCountsFromZero() {
    assertThat(
            AnalysisSummary.of(
                List.of(SMOKE, SOAK), List.of(status("smoke", Verdict.Passed, 3, 0, 0))))
        .isEqualTo("0/10 soak");
  }

  @Test
  void everyCheckPassedIsPassed() {
    assertThat(
            AnalysisSummary.of(
                List.of(SMOKE, SOAK),
                List.of(
                    status("smoke", Verdict.Passed, 3, 0, 0),
                    status("soak", Verdict.Passed, 10, 0, 0))))
        .isEqualTo("Passed");
  }

  @Test
  void aFailedCheckIsNamed() {
    assertThat(
            AnalysisSummary.of(
                List.of(SMOKE, SOAK),
                List.of(
                    status("smoke", Verdict.Passed, 3, 0, 0),
                    status("soak", Verdict.Failed, 4, 1, 0))))
        .isEqualTo("Failed soak");
  }

  @Test
  void noChecksOrNoStatusYetShowsNothing() {
    assertThat(AnalysisSummary.of(List.of(), List.of(status("smoke", Verdict.Passed, 3, 0, 0))))
        .isNull();
    assertThat(AnalysisSummary.of(List.of(SMOKE), List.of())).isNull();
  }

  private static AnalysisCheck check(String name, AnalysisPhase phase, int count) {
    return new AnalysisCheck(
        name,
        phase,
        30,
        count,
        1,
        null,
        null,
        new HttpCheck("http://x/", null, null, null, null, null),
        null,
        null);
  }

  private static AnalysisCheckStatus status(
      String name, Verdict verdict, int runs, int failures, int inconclusive) {
    return new AnalysisCheckStatus(
        name, null, "d-1", verdict, runs, failures, inconclusive, null, null, "t", null);
  }
}
