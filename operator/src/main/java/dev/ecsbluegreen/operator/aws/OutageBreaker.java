package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.errors.AwsOutageException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices that one AWS account and region is down and stops every release from calling it on its
 * own: after {@link AwsGuardSettings#breakerFailures} consecutive failed calls the breaker opens,
 * calls fail fast with an {@link AwsOutageException} that says when the next probe is due, and then
 * one call at a time is let through (half-open) until one succeeds. A resilience4j breaker does the
 * counting and the state; this class remembers what the outage looks like to users.
 */
final class OutageBreaker {
  private static final Logger log = LoggerFactory.getLogger(OutageBreaker.class);

  private final CircuitBreaker breaker;
  private final String services;
  private final String target;
  private final Clock clock;
  private final Duration probeEvery;
  private volatile Instant failingSince;
  private volatile String lastProblem;
  private volatile Outage outage;

  /** What users are told while the breaker is not closed; fixed from the moment it opened. */
  private record Outage(Instant since, String problem, Instant opened) {}

  /**
   * @param breaker configured to open on consecutive failures and to let one probe through
   * @param services the AWS services whose calls it counts, as users read them ("ECS/CodeDeploy")
   * @param target the account and region it guards, as users read it ("us-east-1")
   */
  OutageBreaker(
      CircuitBreaker breaker, String services, String target, Clock clock, Duration probeEvery) {
    this.breaker = breaker;
    this.services = services;
    this.target = target;
    this.clock = clock;
    this.probeEvery = probeEvery;
    breaker.getEventPublisher().onStateTransition(e -> moved(e.getStateTransition().getToState()));
  }

  /** Lets a call through, or fails fast while the target is down and no probe is due. */
  void admit() {
    if (!breaker.tryAcquirePermission()) {
      throw denial();
    }
  }

  /** The outage a failed call leaves the target in, if its breaker is now open. */
  Optional<AwsOutageException> outage() {
    return breaker.getState() == State.OPEN ? Optional.of(denial()) : Optional.empty();
  }

  private AwsOutageException denial() {
    var current = outage;
    Instant now = clock.instant();
    // Half-open with the probe still out: ask again shortly, the probe's answer decides.
    Instant nextProbe =
        current == null || breaker.getState() != State.OPEN
            ? now
            : current.opened().plus(probeEvery);
    return new AwsOutageException(message(current, now), nextProbe);
  }

  /** An admitted call that made no request after all (it ran out of budget). */
  void abandoned() {
    breaker.releasePermission();
  }

  /** AWS answered: a success, or a refusal that shows the target is up. */
  void answered() {
    failingSince = null;
    breaker.onSuccess(0, TimeUnit.NANOSECONDS);
  }

  /** The call got no usable answer: connection refused, a 5xx, or throttled past the retries. */
  void failed(String problem, Throwable failure) {
    if (failingSince == null) {
      failingSince = clock.instant();
    }
    lastProblem = problem;
    breaker.onError(0, TimeUnit.NANOSECONDS, failure);
  }

  private void moved(State to) {
    Instant now = clock.instant();
    switch (to) {
      case OPEN -> {
        var previous = outage;
        outage =
            previous == null
                ? new Outage(failingSince == null ? now : failingSince, lastProblem, now)
                : new Outage(previous.since(), previous.problem(), now);
        if (previous == null) {
          log.warn("{}; calls fail fast until a probe succeeds", message(outage, now));
        }
      }
      case CLOSED -> {
        var ended = outage;
        outage = null;
        if (ended != null) {
          log.info(
              "AWS {} in {} answers again after {} s",
              services,
              target,
              Duration.between(ended.since(), now).toSeconds());
        }
      }
      default -> {}
    }
  }

  private String message(Outage current, Instant now) {
    Instant since = current == null ? now : current.since();
    String problem = current == null || current.problem() == null ? "no answer" : current.problem();
    return "AWS %s in %s unreachable since %s: %s; retrying every %d s"
        .formatted(
            services,
            target,
            since.truncatedTo(ChronoUnit.SECONDS),
            problem,
            probeEvery.toSeconds());
  }
}
