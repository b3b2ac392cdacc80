package dev.ecsbluegreen.simulator.http;

import dev.ecsbluegreen.simulator.world.SimulatedAws;
import dev.ecsbluegreen.simulator.world.World;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults injected into API calls at run time (or declared in the world file): throttling, server
 * errors, latency, dropped connections, "apply, then drop the connection" and alarms. An operation
 * name of {@code *} matches every operation. Rules are checked in the order they were added.
 */
public final class Faults {

  /** What happens to a call before it reaches the world. */
  enum Verdict {
    PROCEED,
    THROTTLE,
    INTERNAL_FAILURE,
    SERVICE_UNAVAILABLE,
    DROP
  }

  /** The 5xx errors a call can be answered with. */
  public enum ServerError {
    INTERNAL_FAILURE,
    SERVICE_UNAVAILABLE
  }

  private record Rule(
      String operation,
      World.FaultKind kind,
      Double rate,
      AtomicInteger remaining,
      Duration latency) {
    boolean matches(String op) {
      return operation.equals("*") || operation.equals(op);
    }
  }

  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private volatile AwsRateLimits rateLimits;
  private final Random random;
  private final SimulatedAws aws;

  Faults(SimulatedAws aws) {
    this.aws = aws;
    this.random = new Random(aws.world().seed());
    for (World.FaultSpec spec : aws.world().faults()) {
      if (spec.kind().isEventFault()) {
        continue; // the event bus applies these
      }
      add(
          spec.operation(),
          spec.kind(),
          spec.rate(),
          spec.count(),
          spec.latencyMs() == null ? Duration.ZERO : Duration.ofMillis(spec.latencyMs()));
    }
  }

  private Faults add(
      String operation, World.FaultKind kind, Double rate, Integer count, Duration latency) {
    if (rate == null && count == null && kind != World.FaultKind.LATENCY) {
      rate = 1.0;
    }
    rules.add(
        new Rule(operation, kind, rate, count == null ? null : new AtomicInteger(count), latency));
    return this;
  }

  /** Answers {@code ThrottlingException} to a fraction (0..1) of the operation's calls. */
  public Faults throttle(String operation, double rate) {
    return add(operation, World.FaultKind.THROTTLE, rate, null, Duration.ZERO);
  }

  /** Answers {@code ThrottlingException} to the operation's next {@code count} calls. */
  public Faults throttleNext(String operation, int count) {
    return add(operation, World.FaultKind.THROTTLE, null, count, Duration.ZERO);
  }

  public Faults serverError(String operation, double rate, ServerError error) {
    return add(operation, kindOf(error), rate, null, Duration.ZERO);
  }

  public Faults serverErrorNext(String operation, int count, ServerError error) {
    return add(operation, kindOf(error), null, count, Duration.ZERO);
  }

  /** Delays every call of the operation by {@code latency} of wall-clock time. */
  public Faults latency(String operation, Duration latency) {
    return add(operation, World.FaultKind.LATENCY, null, null, latency);
  }

  /** Closes the connection without applying or answering, for a fraction of calls. */
  public Faults dropConnection(String operation, double rate) {
    return add(operation, World.FaultKind.DROP_CONNECTION, rate, null, Duration.ZERO);
  }

  public Faults dropConnectionNext(String operation, int count) {
    return add(operation, World.FaultKind.DROP_CONNECTION, null, count, Duration.ZERO);
  }

  /**
   * Applies the operation's next {@code count} calls, then closes the connection before answering:
   * AWS did the work, the caller never learns the result (e.g. a deployment id).
   */
  public Faults applyThenDropNext(String operation, int count) {
    return add(operation, World.FaultKind.APPLY_THEN_DROP, null, count, Duration.ZERO);
  }

  /**
   * From now on, throttles ECS and CodeDeploy calls the way AWS does, at its documented rates
   * ({@link AwsRateLimits}): each caller gets token buckets per action class, and a call that finds
   * its bucket empty is answered {@code ThrottlingException}.
   */
  public Faults throttleLikeAws() {
    rateLimits = new AwsRateLimits(System::nanoTime, caller -> true);
    return this;
  }

  /**
   * As {@link #throttleLikeAws()}, for the calls signed with one access key only: the client under
   * test, while the test's own setup and reference clients go unthrottled.
   */
  public Faults throttleLikeAws(String accessKeyId) {
    rateLimits = new AwsRateLimits(System::nanoTime, accessKeyId::equals);
    return this;
  }

  /** Sends a CloudWatch alarm into ALARM now. */
  public Faults alarmNow(String alarmName) {
    aws.alarmAt(alarmName, Instant.MIN);
    return this;
  }

  /** Sends a CloudWatch alarm into ALARM at a simulated instant. */
  public Faults alarmAt(String alarmName, Instant at) {
    aws.alarmAt(alarmName, at);
    return this;
  }

  /** Returns a CloudWatch alarm to OK. */
  public Faults alarmOk(String alarmName) {
    aws.alarmOk(alarmName);
    return this;
  }

  /** Removes every call fault and AWS's throttling (alarms keep their state). */
  public void clear() {
    rules.clear();
    rateLimits = null;
  }

  private static World.FaultKind kindOf(ServerError error) {
    return error == ServerError.INTERNAL_FAILURE
        ? World.FaultKind.INTERNAL_FAILURE
        : World.FaultKind.SERVICE_UNAVAILABLE;
  }

  Duration latencyFor(String operation) {
    Duration total = Duration.ZERO;
    for (Rule rule : rules) {
      if (rule.kind() == World.FaultKind.LATENCY && rule.matches(operation)) {
        total = total.plus(rule.latency());
      }
    }
    return total;
  }

  /** What happens to a call: the first rule that fires, else AWS's throttling if it is on. */
  Verdict before(String service, String operation, String caller) {
    Verdict verdict = before(operation);
    var limits = rateLimits;
    if (verdict == Verdict.PROCEED && limits != null && !limits.admit(service, operation, caller)) {
      return Verdict.THROTTLE;
    }
    return verdict;
  }

  private Verdict before(String operation) {
    for (Rule rule : rules) {
      if (!rule.matches(operation)) {
        continue;
      }
      Verdict verdict =
          switch (rule.kind()) {
            case THROTTLE -> Verdict.THROTTLE;
            case INTERNAL_FAILURE -> Verdict.INTERNAL_FAILURE;
            case SERVICE_UNAVAILABLE -> Verdict.SERVICE_UNAVAILABLE;
            case DROP_CONNECTION -> Verdict.DROP;
            default -> null;
          };
      if (verdict != null && fires(rule)) {
        return verdict;
      }
    }
    return Verdict.PROCEED;
  }

  boolean dropAfterApplying(String operation) {
    for (Rule rule : rules) {
      if (rule.kind() == World.FaultKind.APPLY_THEN_DROP
          && rule.matches(operation)
          && fires(rule)) {
        return true;
      }
    }
    return false;
  }

  private boolean fires(Rule rule) {
    if (rule.remaining() != null) {
      boolean fires = rule.remaining().getAndDecrement() > 0;
      if (rule.remaining().get() <= 0) {
        rules.remove(rule);
      }
      return fires;
    }
    synchronized (random) {
      return random.nextDouble() < rule.rate();
    }
  }
}
