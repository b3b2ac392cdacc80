package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus.Verdict;
import java.time.Duration;
import java.time.Instant;

/**
 * The arithmetic of a check: how a run changes its counts and verdict, and when the next run is
 * due. Pure. A verdict, once reached, never changes for that deployment.
 */
public final class CheckProgress {
  private CheckProgress() {}

  /** A check that has not run yet against this deployment, waiting since {@code now}. */
  public static AnalysisCheckStatus fresh(AnalysisCheck check, String deploymentId, Instant now) {
    return new AnalysisCheckStatus(
        check.name(),
        check.phase(),
        deploymentId,
        Verdict.Running,
        0,
        0,
        0,
        null,
        null,
        now.toString(),
        null);
  }

  /** The check after one more run. */
  public static AnalysisCheckStatus record(
      AnalysisCheckStatus status, AnalysisCheck check, Measurement measurement, Instant at) {
    if (status.verdict() != Verdict.Running) {
      return status;
    }
    int runs = status.runs() + 1;
    int failures = status.failures() + (measurement.result() == Measurement.Result.FAIL ? 1 : 0);
    int inconclusive =
        status.inconclusive() + (measurement.result() == Measurement.Result.INCONCLUSIVE ? 1 : 0);
    int passes = runs - failures - inconclusive;
    Verdict verdict =
        failures >= check.failureLimit()
            ? Verdict.Failed
            : passes >= check.count() ? Verdict.Passed : Verdict.Running;
    return new AnalysisCheckStatus(
        status.name(),
        status.phase(),
        status.deploymentId(),
        verdict,
        runs,
        failures,
        inconclusive,
        measurement.value(),
        measurement.message(),
        status.startedAt(),
        at.toString());
  }

  /**
   * A check whose phase ended while it still ran, decided from the runs it had: it never failed
   * (that would have ended it), so it passed if a run passed, and is inconclusive if none did.
   *
   * @param deploymentEnded the deployment ended rather than moving on to its next phase
   */
  public static AnalysisCheckStatus close(AnalysisCheckStatus status, boolean deploymentEnded) {
    String why =
        "%s after %d runs, %d passed: decided from them"
            .formatted(
                deploymentEnded ? "The deployment ended" : "Traffic shifting ended",
                status.runs(),
                status.passes());
    return settle(status, status.passes() > 0 ? Verdict.Passed : Verdict.Inconclusive, why);
  }

  /**
   * A check that still ran when its deployment ended without it: the gate it guarded is gone, so it
   * is inconclusive whatever its runs said, and says so rather than showing Running forever.
   */
  public static AnalysisCheckStatus abandon(AnalysisCheckStatus status) {
    String why =
        "The deployment ended before the check decided, after %d runs, %d passed"
            .formatted(status.runs(), status.passes());
    return settle(status, Verdict.Inconclusive, why);
  }

  /** A running check given its verdict, with why ahead of what its last run said. */
  private static AnalysisCheckStatus settle(
      AnalysisCheckStatus status, Verdict verdict, String why) {
    if (status.verdict() != Verdict.Running) {
      return status;
    }
    return new AnalysisCheckStatus(
        status.name(),
        status.phase(),
        status.deploymentId(),
        verdict,
        status.runs(),
        status.failures(),
        status.inconclusive(),
        status.lastValue(),
        status.lastMessage() == null ? why : why + ". Last run: " + status.lastMessage(),
        status.startedAt(),
        status.lastRunAt());
  }

  /** When the next run is due: the initial delay after it started, then every interval. */
  public static Instant due(AnalysisCheckStatus status, AnalysisCheck check) {
    if (status.lastRunAt() == null) {
      return Instant.parse(status.startedAt())
          .plus(Duration.ofSeconds(check.initialDelaySeconds()));
    }
    return Instant.parse(status.lastRunAt()).plus(Duration.ofSeconds(check.intervalSeconds()));
  }

  /** The check's progress in a few words, e.g. {@code smoke 2/3 passed, 1 inconclusive}. */
  public static String summary(AnalysisCheckStatus status, AnalysisCheck check) {
    var text = new StringBuilder();
    text.append(status.name())
        .append(' ')
        .append(status.passes())
        .append('/')
        .append(check.count())
        .append(" passed");
    if (status.failures() > 0) {
      text.append(", ").append(status.failures()).append('/').append(check.failureLimit());
      text.append(" failed");
    }
    if (status.inconclusive() > 0) {
      text.append(", ").append(status.inconclusive()).append(" inconclusive");
    }
    return text.toString();
  }
}
