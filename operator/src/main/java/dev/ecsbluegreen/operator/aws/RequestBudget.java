package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.errors.AwsBudgetWaitException;
import dev.ecsbluegreen.operator.errors.TransientAwsException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter.AtomicRateLimiterMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * One API family's calls per second to one account and region, split between two lanes ({@link
 * CallLane}, {@link LaneSplit}), each a resilience4j rate limiter (a number of tokens per period,
 * refilled each period). Together they never exceed the budget.
 *
 * <p>A call about a deployment in flight takes the next token of its lane, waiting for it here, in
 * the operator, rather than being sent to AWS to be throttled; while no preparing call wants one,
 * it may take a free token of the preparing lane instead. A call that prepares a deployment takes a
 * token of its own lane that is free now, or one of the in-flight lane that is free now and that no
 * call in flight waits for; otherwise it is not sent, and its pass, told when a token of its lane
 * should be free for it ({@link PreparingQueue}), gives its reconcile thread back. So a burst of
 * new releases never holds up the status of running deployments by more than the preparing share,
 * and calls in flight that want every token never take the preparing share away.
 */
final class RequestBudget implements CallBudget {
  private final RateLimiter inFlight;
  private final RateLimiter preparing;
  private final String family;
  private final String target;
  private final int callsPerSecond;
  private final PreparingQueue queue;
  private final Meters meters;
  private final LongSupplier nanoTime;
  private final long periodNanos;

  /**
   * Until when the preparing lane counts as wanting its tokens: a period after its last call, or
   * after the last instant a turned-away call was told to come back at. Calls in flight borrow its
   * tokens only after that, so a pass that comes back at its instant finds its lane's token there.
   */
  private final AtomicLong preparingWantedUntil = new AtomicLong(Long.MIN_VALUE);

  /**
   * What the budget reports.
   *
   * @param inFlightWait how long each call in flight waited for its token
   * @param preparingWait for each preparing call, 0 if it was sent, else the wait its pass was
   *     given
   * @param deferred preparing calls that were not sent and whose pass comes back later
   */
  record Meters(Timer inFlightWait, Timer preparingWait, Counter deferred) {}

  /**
   * @param inFlight the in-flight lane's limiter, with the longest a call may wait as its timeout
   * @param preparing the preparing lane's limiter, with a timeout of 0
   * @param callsPerSecond the whole budget, as users set it
   * @param family the API family as users read it ("CodeDeploy")
   * @param target the account and region as users read it ("us-east-1")
   * @param nanoTime the clock both limiters count their periods on
   */
  RequestBudget(
      RateLimiter inFlight,
      RateLimiter preparing,
      int callsPerSecond,
      String family,
      String target,
      Meters meters,
      LongSupplier nanoTime) {
    this.inFlight = inFlight;
    this.preparing = preparing;
    this.callsPerSecond = callsPerSecond;
    this.family = family;
    this.target = target;
    this.meters = meters;
    this.nanoTime = nanoTime;
    var config = preparing.getRateLimiterConfig();
    this.periodNanos = config.getLimitRefreshPeriod().toNanos();
    this.queue = new PreparingQueue(periodNanos / config.getLimitForPeriod(), nanoTime);
  }

  /**
   * Spends a token on {@code operation}, or says why it may not be sent now.
   *
   * @throws TransientAwsException a call in flight waited past the limiter's timeout
   * @throws AwsBudgetWaitException a preparing call found no token for it
   */
  @Override
  public void spend(String operation, String releaseUid) {
    switch (CallLane.of(operation)) {
      case IN_FLIGHT -> waitForToken(operation);
      case PREPARING -> takeFreeToken();
    }
  }

  /** Calls in flight waiting for their token now. */
  int waitingInFlight() {
    return inFlight.getMetrics().getNumberOfWaitingThreads();
  }

  /** Preparing calls turned away that have not reached their instant to come back yet. */
  int queued() {
    return queue.waiting();
  }

  private void waitForToken(String operation) {
    long started = nanoTime.getAsLong();
    boolean granted =
        (inFlight.getMetrics().getAvailablePermissions() <= 0
                && started > preparingWantedUntil.get()
                && preparing.acquirePermission())
            || inFlight.acquirePermission();
    meters.inFlightWait().record(Duration.ofNanos(nanoTime.getAsLong() - started));
    if (!granted) {
      throw new TransientAwsException(
          "%s waited %d s for the operator's request budget (%s %s, %d calls a second) and was not"
                  .formatted(
                      operation,
                      inFlight.getRateLimiterConfig().getTimeoutDuration().toSeconds(),
                      target,
                      family,
                      callsPerSecond)
              + " sent",
          null,
          true,
          null);
    }
  }

  private void takeFreeToken() {
    long now = nanoTime.getAsLong();
    preparingWantedUntil.accumulateAndGet(now + periodNanos, Math::max);
    // The preparing limiter's timeout is 0: this never waits.
    if (preparing.acquirePermission() || borrowSpareInFlightToken()) {
      meters.preparingWait().record(Duration.ZERO);
      return;
    }
    var place = queue.join(nanosToNextPreparingToken());
    preparingWantedUntil.accumulateAndGet(now + place.after().toNanos() + periodNanos, Math::max);
    meters.deferred().increment();
    meters.preparingWait().record(place.after());
    throw new AwsBudgetWaitException(
        "Waiting for the operator's %s request budget in %s (%d calls a second, calls about"
                .formatted(family, target, callsPerSecond)
            + " deployments in flight first): %d %s ahead, next try in %d s"
                .formatted(
                    place.ahead(),
                    place.ahead() == 1 ? "release" : "releases",
                    Math.max(1, (place.after().toMillis() + 999) / 1000)),
        place.after(),
        place.ahead());
  }

  /** A token of the in-flight lane that is free now and that no call in flight waits for. */
  private boolean borrowSpareInFlightToken() {
    long wait = -1;
    // Serialized so that callers racing for the last spare token do not reserve the next period's
    // tokens between them: a reservation would put them ahead of calls in flight.
    synchronized (this) {
      if (inFlight.getMetrics().getAvailablePermissions() > 0) {
        wait = inFlight.reservePermission();
      }
    }
    if (wait < 0) {
      return false;
    }
    // Non-zero only when a call in flight took the spare token in between: this call then holds
    // the token after it, a moment away, and must use it.
    LockSupport.parkNanos(wait);
    return true;
  }

  private long nanosToNextPreparingToken() {
    return preparing.getMetrics() instanceof AtomicRateLimiterMetrics detailed
        ? detailed.getNanosToWait()
        : periodNanos;
  }
}
