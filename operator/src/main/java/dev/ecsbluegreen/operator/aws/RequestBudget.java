package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.errors.AwsBudgetWaitException;
import dev.ecsbluegreen.operator.errors.TransientAwsException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter.AtomicRateLimiterMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * One API family's calls per second to one account and region (resilience4j's rate limiter: a
 * number of tokens per second, refilled each second), shared by two lanes ({@link CallLane}). A
 * call about a deployment in flight takes the next token, waiting for it here, in the operator,
 * rather than being sent to AWS to be throttled; the limiter hands out the tokens of the seconds to
 * come in the order such calls asked. A call that prepares a deployment takes only a token that is
 * free now and that no call in flight has asked for; otherwise it is not sent, and its pass, told
 * when a token should be free for it ({@link PreparingQueue}), gives its reconcile thread back
 * rather than queueing behind, or in front of, the calls in flight. Both lanes draw on the one
 * limiter, so together they never exceed the budget.
 */
final class RequestBudget {
  private final RateLimiter limiter;
  private final String family;
  private final String target;
  private final PreparingQueue queue;
  private final Meters meters;
  private final LongSupplier nanoTime;

  /**
   * What the budget reports.
   *
   * @param inFlightWait how long each call in flight waited for its token
   * @param preparingWait the same for preparing calls that were sent (they never wait long)
   * @param deferred preparing calls that were not sent and whose pass comes back later
   */
  record Meters(Timer inFlightWait, Timer preparingWait, Counter deferred) {}

  /**
   * @param family the API family as users read it ("CodeDeploy")
   * @param target the account and region as users read it ("us-east-1")
   * @param nanoTime the clock the limiter counts its periods on
   */
  RequestBudget(
      RateLimiter limiter, String family, String target, Meters meters, LongSupplier nanoTime) {
    this.limiter = limiter;
    this.family = family;
    this.target = target;
    this.meters = meters;
    this.nanoTime = nanoTime;
    this.queue = new PreparingQueue(limiter.getRateLimiterConfig().getLimitForPeriod(), nanoTime);
  }

  /**
   * Spends a token on {@code operation}, or says why it may not be sent now.
   *
   * @throws TransientAwsException a call in flight waited past the limiter's timeout
   * @throws AwsBudgetWaitException a preparing call found no spare token
   */
  void spend(String operation) {
    switch (CallLane.of(operation)) {
      case IN_FLIGHT -> waitForToken(operation);
      case PREPARING -> takeSpareToken();
    }
  }

  /** Calls in flight waiting for their token now. */
  int waitingInFlight() {
    return limiter.getMetrics().getNumberOfWaitingThreads();
  }

  /** Preparing calls turned away that have not reached their instant to come back yet. */
  int queued() {
    return queue.waiting();
  }

  private void waitForToken(String operation) {
    long started = nanoTime.getAsLong();
    boolean granted = limiter.acquirePermission();
    meters.inFlightWait().record(Duration.ofNanos(nanoTime.getAsLong() - started));
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

  private void takeSpareToken() {
    long started = nanoTime.getAsLong();
    long wait = -1;
    // Serialized so that callers racing for the last spare token do not reserve the next second's
    // tokens between them: a reservation would put them ahead of calls in flight.
    synchronized (this) {
      // Zero or negative while calls in flight hold reservations on the tokens to come.
      if (limiter.getMetrics().getAvailablePermissions() > 0) {
        wait = limiter.reservePermission();
      }
    }
    if (wait >= 0) {
      // Non-zero only when a call in flight took the spare token in between: this call then
      // holds the token after it, a moment away, and must use it.
      LockSupport.parkNanos(wait);
      meters.preparingWait().record(Duration.ofNanos(nanoTime.getAsLong() - started));
      return;
    }
    var place = queue.join(nanosToNextToken());
    meters.deferred().increment();
    throw new AwsBudgetWaitException(
        "Waiting for the operator's %s request budget in %s (%d calls a second, calls about"
                .formatted(family, target, limiter.getRateLimiterConfig().getLimitForPeriod())
            + " deployments in flight first): %d %s ahead, next try in %d s"
                .formatted(
                    place.ahead(),
                    place.ahead() == 1 ? "release" : "releases",
                    Math.max(1, (place.after().toMillis() + 999) / 1000)),
        place.after(),
        place.ahead());
  }

  private long nanosToNextToken() {
    return limiter.getMetrics() instanceof AtomicRateLimiterMetrics detailed
        ? detailed.getNanosToWait()
        : limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
  }
}
