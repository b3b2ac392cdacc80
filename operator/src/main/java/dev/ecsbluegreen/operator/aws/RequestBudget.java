package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.errors.TransientAwsException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * One API family's calls per second to one account and region (resilience4j's rate limiter: a
 * number of tokens per second, refilled each second). A call beyond the budget waits here, in the
 * operator, for the next token rather than being sent to AWS to be throttled.
 */
final class RequestBudget {
  private final RateLimiter limiter;
  private final Timer waited;

  /**
   * @param waited records how long each call waited for its token
   */
  RequestBudget(RateLimiter limiter, Timer waited) {
    this.limiter = limiter;
    this.waited = waited;
  }

  /** Waits for a token; past the limiter's timeout the pass fails as if AWS had throttled it. */
  void spend(String operation) {
    long started = System.nanoTime();
    boolean granted = limiter.acquirePermission();
    waited.record(Duration.ofNanos(System.nanoTime() - started));
    if (!granted) {
      throw new TransientAwsException(
          "%s waited %d s for the operator's request budget (%s, %d calls a second) and was not sent"
              .formatted(
                  operation,
                  limiter.getRateLimiterConfig().getTimeoutDuration().toSeconds(),
                  limiter.getName(),
                  limiter.getRateLimiterConfig().getLimitForPeriod()),
          null,
          true,
          null);
    }
  }
}
