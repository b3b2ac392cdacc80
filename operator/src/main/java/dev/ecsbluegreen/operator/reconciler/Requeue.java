package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.config.OperatorConfig;
import java.time.Duration;
import java.util.Optional;

/** How long until the next look at a release, from what this pass did and where it stands. */
final class Requeue {
  private Requeue() {}

  static Optional<Duration> after(Plan plan, OperatorConfig config) {
    return switch (plan.decision().pace()) {
      case FOLLOW_ROLLBACK -> Optional.of(config.fastPoll());
      case NEXT_STEP -> Optional.of(config.stepDelay());
      case BY_REPORT -> byReport(plan, config);
    };
  }

  private static Optional<Duration> byReport(Plan plan, OperatorConfig config) {
    var report = plan.report();
    if (plan.facts().completedAt() != null && report.settled()) {
      return Optional.empty();
    }
    return switch (report.health()) {
      case READY -> Optional.empty();
      case STALLED -> Optional.of(config.stalledPoll());
      case RECONCILING -> Optional.of(reconciling(report, config));
    };
  }

  private static Duration reconciling(Report report, OperatorConfig config) {
    if (Reasons.DEPLOYMENT_GROUP_BUSY.equals(report.reason())) {
      return config.slowPoll();
    }
    return switch (report.phase()) {
      case AwaitingPromotion, Baking -> config.slowPoll();
      default -> config.fastPoll();
    };
  }
}
