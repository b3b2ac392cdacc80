package dev.ecsbluegreen.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.analysis.Measurement.Result;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus.Verdict;
import dev.ecsbluegreen.operator.api.v1alpha1.HttpCheck;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CheckProgressTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final AnalysisCheck CHECK =
      new AnalysisCheck(
          "smoke",
          null,
          30,
          3,
          2,
          60,
          null,
          new HttpCheck("http://x/", null, null, null, null, null),
          null,
          null);

  @Test
  void passesAfterCountPassingRunsOnly() {
    var status = CheckProgress.fresh(CHECK, "d-1", T0);
    status = run(status, Result.PASS, 1);
    status = run(status, Result.INCONCLUSIVE, 2);
    status = run(status, Result.PASS, 3);
    assertThat(status.verdict()).isEqualTo(Verdict.Running);
    assertThat(status.passes()).isEqualTo(2);

    status = run(status, Result.PASS, 4);

    assertThat(status.verdict()).isEqualTo(Verdict.Passed);
    assertThat(status.runs()).isEqualTo(4);
    assertThat(status.inconclusive()).isEqualTo(1);
    assertThat(CheckProgress.summary(status, CHECK)).isEqualTo("smoke 3/3 passed, 1 inconclusive");
  }

  @Test
  void aCheckWhoseDeploymentEndedWithoutItIsInconclusiveWhateverItsRuns() {
    var passedTwice =
        run(run(CheckProgress.fresh(CHECK, "d-1", T0), Result.PASS, 1), Result.PASS, 2);

    var abandoned = CheckProgress.abandon(passedTwice);

    assertThat(abandoned.verdict()).isEqualTo(Verdict.Inconclusive);
    assertThat(abandoned.runs()).isEqualTo(2);
    assertThat(abandoned.lastMessage())
        .startsWith("The deployment ended before the check decided, after 2 runs, 2 passed");
    var failed = run(run(CheckProgress.fresh(CHECK, "d-1", T0), Result.FAIL, 1), Result.FAIL, 2);
    assertThat(CheckProgress.abandon(failed)).isEqualTo(failed);
  }

  @Test
  void aCheckClosedWhileRunningIsDecidedFromTheRunsItHad() {
    var passedOnce =
        run(run(CheckProgress.fresh(CHECK, "d-1", T0), Result.PASS, 1), Result.FAIL, 2);
    var neverPassed = run(CheckProgress.fresh(CHECK, "d-1", T0), Result.INCONCLUSIVE, 1);

    var passed = CheckProgress.close(passedOnce, false);
    var inconclusive = CheckProgress.close(neverPassed, true);

    assertThat(passed.verdict()).isEqualTo(Verdict.Passed);
    assertThat(passed.runs()).isEqualTo(2);
    assertThat(passed.lastValue()).isEqualTo("run 2");
    assertThat(passed.lastMessage())
        .startsWith("Traffic shifting ended after 2 runs, 1 passed: decided from them. Last run:");
    assertThat(inconclusive.verdict()).isEqualTo(Verdict.Inconclusive);
    assertThat(inconclusive.lastMessage())
        .startsWith("The deployment ended after 1 runs, 0 passed: decided from them");
    // A verdict already reached stays.
    var failed = run(run(CheckProgress.fresh(CHECK, "d-1", T0), Result.FAIL, 1), Result.FAIL, 2);
    assertThat(CheckProgress.close(failed, false)).isEqualTo(failed);
  }

  @Test
  void failsAtTheFailureLimitAndKeepsItsVerdict() {
    var status = CheckProgress.fresh(CHECK, "d-1", T0);
    status = run(status, Result.FAIL, 1);
    assertThat(status.verdict()).isEqualTo(Verdict.Running);
    assertThat(CheckProgress.summary(status, CHECK)).isEqualTo("smoke 0/3 passed, 1/2 failed");

    status = run(status, Result.FAIL, 2);
    var failed = status;
    status = run(status, Result.PASS, 3);

    assertThat(status).isEqualTo(failed);
    assertThat(status.verdict()).isEqualTo(Verdict.Failed);
    assertThat(status.lastValue()).isEqualTo("run 2");
  }

  @Test
  void inconclusiveRunsNeverPass() {
    var status = CheckProgress.fresh(CHECK, "d-1", T0);
    for (int i = 1; i <= 20; i++) {
      status = run(status, Result.INCONCLUSIVE, i);
    }
    assertThat(status.verdict()).isEqualTo(Verdict.Running);
    assertThat(status.passes()).isZero();
  }

  @Test
  void firstRunWaitsTheInitialDelayThenEveryInterval() {
    var status = CheckProgress.fresh(CHECK, "d-1", T0);
    assertThat(CheckProgress.due(status, CHECK)).isEqualTo(T0.plusSeconds(60));

    status = CheckProgress.record(status, CHECK, measurement(Result.PASS, 1), T0.plusSeconds(65));

    assertThat(CheckProgress.due(status, CHECK)).isEqualTo(T0.plusSeconds(95));
  }

  @Test
  void aStatusReadBackResumesItsCount() {
    var recorded =
        new AnalysisCheckStatus(
            "smoke",
            AnalysisCheck.AnalysisPhase.TestTraffic,
            "d-1",
            Verdict.Running,
            2,
            0,
            0,
            "5/5 good",
            "ok",
            T0.toString(),
            T0.plusSeconds(30).toString());

    var next =
        CheckProgress.record(recorded, CHECK, measurement(Result.PASS, 3), T0.plusSeconds(60));

    assertThat(next.verdict()).isEqualTo(Verdict.Passed);
    assertThat(next.runs()).isEqualTo(3);
  }

  private static AnalysisCheckStatus run(AnalysisCheckStatus status, Result result, int n) {
    return CheckProgress.record(status, CHECK, measurement(result, n), T0.plusSeconds(30L * n));
  }

  private static Measurement measurement(Result result, int n) {
    return new Measurement(result, "run " + n, "run " + n + " " + result);
  }
}
