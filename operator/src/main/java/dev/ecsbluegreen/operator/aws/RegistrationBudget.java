package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.errors.AwsBudgetWaitException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter.AtomicRateLimiterMetrics;
import java.time.Duration;

/**
 * ECS's own rate for task definition registrations in one account and region, kept apart from the
 * rest of the ECS budget: ECS rates {@code RegisterTaskDefinition} on its own, a bucket of 60
 * refilled 1 a second, far below its other actions. A burst of new releases registers at that pace
 * inside the operator rather than drawing throttling answers (and the retries and repeated reads
 * they cost).
 *
 * <p>The limiter refills in fixed windows. A window of half the bucket, refilled over as many
 * seconds, never exceeds the bucket: in any span of time it sends at most 2 windows' worth more
 * than one call a second, which the full bucket absorbs. A window of the whole bucket a minute
 * could send it twice within a second at a window's turn.
 */
final class RegistrationBudget implements CallBudget {
  static final String OPERATION = "RegisterTaskDefinition";

  private final RateLimiter limiter;
  private final String target;

  /**
   * @param limiter configured by {@link #config}
   */
  RegistrationBudget(RateLimiter limiter, String target) {
    this.limiter = limiter;
    this.target = target;
  }

  /**
   * @param perWindow registrations each window, whose length in seconds is the same number: half of
   *     ECS's bucket of 60 by default
   */
  static RateLimiterConfig config(int perWindow) {
    return RateLimiterConfig.custom()
        .limitForPeriod(perWindow)
        .limitRefreshPeriod(Duration.ofSeconds(perWindow))
        .timeoutDuration(Duration.ZERO)
        .writableStackTraceEnabled(false)
        .build();
  }

  /**
   * Spends a registration's token, or says when the next one is due.
   *
   * @throws AwsBudgetWaitException no registration may be sent now: the pass comes back later
   */
  @Override
  public void spend(String operation) {
    if (!OPERATION.equals(operation) || limiter.acquirePermission()) {
      return;
    }
    Duration after =
        limiter.getMetrics() instanceof AtomicRateLimiterMetrics detailed
            ? Duration.ofNanos(detailed.getNanosToWait())
            : limiter.getRateLimiterConfig().getLimitRefreshPeriod();
    throw new AwsBudgetWaitException(
        "Waiting to register the task definition: ECS takes %d registrations every %d s in %s"
                .formatted(
                    limiter.getRateLimiterConfig().getLimitForPeriod(),
                    limiter.getRateLimiterConfig().getLimitRefreshPeriod().toSeconds(),
                    target)
            + ", next try in %d s".formatted(Math.max(1, (after.toMillis() + 999) / 1000)),
        after,
        0);
  }
}
