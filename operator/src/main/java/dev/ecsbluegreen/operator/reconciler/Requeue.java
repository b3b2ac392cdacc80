package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.config.OperatorConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long until the next look at a release, from what this pass did, where it stands and when its
 * deployment's next transition falls due. A predicted transition is looked at right after it falls
 * due; the poll intervals are the safety net for what nothing predicts (an alarm, a stop from the
 * console, an engine's estimate that was wrong). Wake-ups fall on a grid of the clock (the poll
 * interval, or whole seconds for a predicted instant), so the passes of many releases come together
 * and share their AWS reads.
 */
final class Requeue {
  /**
   * How long after a predicted instant the pass comes: the instant is the engine's clock, the
   * transition happens on AWS's, and the next read must see it done.
   */
  static final Duration DUE_MARGIN = Duration.ofSeconds(1);

  /**
   * The tick predicted wake-ups are rounded up to, so releases whose transitions fall due in the
   * same second are read together (never coarser than the active poll).
   */
  static final Duration DUE_TICK = Duration.ofSeconds(1);

  /** How soon a transition that fell due moments ago is looked at again (then on the tick). */
  static final Duration PAST_DUE_WAIT = Duration.ofMillis(500);

  private Requeue() {}

  /**
   * @param due when the tracked deployment's next transition falls due, if the engine can tell
   * @param now the operator's clock, against which {@code due} is measured
   */
  static Optional<Duration> after(
      Plan plan, OperatorConfig config, Optional<Instant> due, Instant now) {
    return after(plan, config, due, now, false);
  }

  /**
   * @param pushed pushed events report the deployment's state changes, so a look that nothing
   *     predicts is only a safety net: {@code config.events().safetyPoll()} in every phase (the
   *     idle poll if that is longer). A predicted transition is still looked at when it falls due
   *     (no event reports traffic steps or the end of the termination wait).
   */
  static Optional<Duration> after(
      Plan plan, OperatorConfig config, Optional<Instant> due, Instant now, boolean pushed) {
    return after(plan, config, due, now, pushed, Optional.empty());
  }

  /**
   * @param canEndFrom with pushed events, the earliest instant the deployment can end: from then on
   *     it is looked at on the active poll's grid (where the passes of every release in the same
   *     case share their read) until it ends, so a lost event about its end shows within an active
   *     interval instead of a safety-net poll
   */
  static Optional<Duration> after(
      Plan plan,
      OperatorConfig config,
      Optional<Instant> due,
      Instant now,
      boolean pushed,
      Optional<Instant> canEndFrom) {
    return switch (plan.decision().pace()) {
      case FOLLOW_ROLLBACK -> Optional.of(onGrid(config.fastPoll(), now));
      case NEXT_STEP -> Optional.of(config.stepDelay());
      case BY_REPORT -> byReport(plan, config, due, now, pushed, canEndFrom);
    };
  }

  private static Optional<Duration> byReport(
      Plan plan,
      OperatorConfig config,
      Optional<Instant> due,
      Instant now,
      boolean pushed,
      Optional<Instant> canEndFrom) {
    var report = plan.report();
    if (plan.facts().completedAt() != null && report.settled()) {
      return Optional.empty();
    }
    return switch (report.health()) {
      case READY -> Optional.empty();
      case STALLED -> Optional.of(config.stalledPoll());
      case RECONCILING -> Optional.of(reconciling(report, config, due, now, pushed, canEndFrom));
    };
  }

  private static Duration reconciling(
      Report report,
      OperatorConfig config,
      Optional<Instant> due,
      Instant now,
      boolean pushed,
      Optional<Instant> canEndFrom) {
    if (Reasons.DEPLOYMENT_GROUP_BUSY.equals(report.reason())) {
      return config.slowPoll();
    }
    Duration longest =
        pushed ? longer(config.events().safetyPoll(), config.slowPoll()) : config.slowPoll();
    Duration wait =
        due.map(at -> untilDue(at, now, config, longest))
            .orElseGet(() -> onGrid(pushed ? longest : pace(report, config), now));
    if (pushed && canEndFrom.isPresent()) {
      return shorter(wait, fromOnGrid(canEndFrom.get(), config.fastPoll(), now));
    }
    return wait;
  }

  /**
   * Until the first instant on the {@code interval}'s grid at or after {@code from}, or the next
   * one on the grid ({@link #onGrid}) once {@code from} has passed.
   */
  private static Duration fromOnGrid(Instant from, Duration interval, Instant now) {
    if (!from.isAfter(now)) {
      return onGrid(interval, now);
    }
    long grid = Math.max(interval.toMillis(), 1);
    long at = Math.floorDiv(from.toEpochMilli() + grid - 1, grid) * grid;
    return Duration.ofMillis(at - now.toEpochMilli());
  }

  private static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** The phase's interval when nothing is predicted: slow while waiting, fast while moving. */
  private static Duration pace(Report report, OperatorConfig config) {
    return switch (report.phase()) {
      case AwaitingPromotion, Baking -> config.slowPoll();
      default -> config.fastPoll();
    };
  }

  /**
   * Right after the instant, but never later than the safety net. Once it has passed, the
   * transition is due and not yet seen (the target read ran ahead of the deployment read, a
   * listener update still running, or AWS a little late): follow it every second for one active
   * interval, then at the active pace, rather than wait out an idle interval.
   */
  private static Duration untilDue(
      Instant due, Instant now, OperatorConfig config, Duration longest) {
    Duration wait = Duration.between(now, due);
    if (wait.isNegative() || wait.isZero()) {
      // Due within the last active interval: the transition shows any second now.
      boolean recently = wait.negated().compareTo(config.fastPoll()) < 0;
      return recently
          ? untilTick(PAST_DUE_WAIT, tick(config), now)
          : onGrid(config.fastPoll(), now);
    }
    Duration rightAfter = wait.plus(DUE_MARGIN);
    if (rightAfter.compareTo(longest) >= 0) {
      return onGrid(longest, now);
    }
    return untilTick(rightAfter, tick(config), now);
  }

  /**
   * The finest grid wake-ups fall on: whole seconds, or the active poll where that is shorter. The
   * shared reads gather the passes of one tick on it.
   */
  static Duration tick(OperatorConfig config) {
    return config.fastPoll().compareTo(DUE_TICK) < 0 ? config.fastPoll() : DUE_TICK;
  }

  /**
   * About {@code interval} from now, ending on a multiple of it on the clock (between half and one
   * and a half intervals), so releases polled at the same pace wake together and their deployments
   * are read in one batch.
   */
  static Duration onGrid(Duration interval, Instant now) {
    long grid = interval.toMillis();
    if (grid <= 0) {
      return interval;
    }
    long at = now.toEpochMilli();
    long wait = Math.floorDiv(at + grid, grid) * grid - at;
    return Duration.ofMillis(wait < grid / 2 ? wait + grid : wait);
  }

  /** {@code wait} rounded up to the next whole tick on the clock, for a predicted instant. */
  private static Duration untilTick(Duration wait, Duration tick, Instant now) {
    long grid = tick.toMillis();
    if (grid <= 0) {
      return wait;
    }
    long at = now.toEpochMilli();
    long end = at + wait.toMillis();
    return Duration.ofMillis(Math.floorDiv(end + grid - 1, grid) * grid - at);
  }

  /** The longest wait after a transient failure, however long the idle poll. */
  static final Duration LONGEST_AFTER_FAILURE = Duration.ofMinutes(2);

  /**
   * After the {@code failures}-th pass in a row that a transient AWS error (throttling, a 5xx, the
   * network) cut short: a fifth of the active poll the first time (1 s by default), doubling each
   * time up to the idle poll or {@link #LONGEST_AFTER_FAILURE}, whichever is shorter. There is no
   * last attempt: a failure that lets other calls through is not an outage (the breaker handles
   * those), so the release keeps trying at that pace for as long as it lasts instead of waiting for
   * the next resync.
   */
  static Duration afterTransientFailure(int failures, OperatorConfig config) {
    Duration first = config.fastPoll().dividedBy(5);
    Duration cap =
        config.slowPoll().compareTo(LONGEST_AFTER_FAILURE) < 0
            ? config.slowPoll()
            : LONGEST_AFTER_FAILURE;
    int doublings = Math.min(Math.max(failures - 1, 0), 30);
    Duration wait = first.multipliedBy(1L << doublings);
    return wait.compareTo(cap) < 0 ? wait : cap;
  }

  /** The shortest wait for the request budget, so a pass never comes back in a busy loop. */
  static final Duration SHORTEST_BUDGET_WAIT = Duration.ofMillis(50);

  /**
   * When the request budget expects a token for a pass it turned away. The budget already spaced
   * the instants it hands out one token apart, so they are kept as they are rather than put on the
   * clock's grid, where they would come back together and be turned away again.
   */
  static Duration afterBudgetWait(Duration predicted) {
    return predicted.compareTo(SHORTEST_BUDGET_WAIT) < 0 ? SHORTEST_BUDGET_WAIT : predicted;
  }

  /**
   * While the release's AWS target is down: when its breaker lets the next probe through, but never
   * later than the idle interval; once the probe is out, at the active pace, to learn its answer.
   */
  static Duration untilProbe(Instant nextProbe, OperatorConfig config, Instant now) {
    Duration wait = Duration.between(now, nextProbe);
    if (wait.isNegative() || wait.isZero()) {
      return config.fastPoll();
    }
    return wait.compareTo(config.slowPoll()) < 0 ? wait : config.slowPoll();
  }
}
