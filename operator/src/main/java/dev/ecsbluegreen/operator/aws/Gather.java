package dev.ecsbluegreen.operator.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How long the leader of a shared read ({@link BatchedReads}) waits for other passes to join it
 * before it sends a batch that is not full yet, and the clock it tells the grid's ticks by.
 *
 * <p>Releases in flight wake up on a grid of the clock ({@code Requeue}: whole seconds, or the
 * active poll where that is shorter), so the passes due on one tick ask for their reads together,
 * but not at once: each wake-up is scheduled after its pass's status write, and a busy machine
 * starts the due passes one after another. A pass that asks within {@code tickSpread} after a tick
 * therefore waits until the end of that spread, when the tick's passes have asked; a full batch is
 * sent at once, whatever the wait. A pass off the grid (set off by an event, or a release just
 * changed) waits only {@code least}.
 *
 * @param least the shortest wait of a pass that finds nobody else asking
 * @param tick the grid wake-ups fall on; zero when the passes follow no grid
 * @param tickSpread how long after a tick its passes keep asking; below {@code tick}
 * @param clock the clock the ticks are on: the machine's, which the reconciler's timer counts a
 *     wake-up's delay on, whatever clock the operator measured that delay against (the same one
 *     outside tests)
 */
public record Gather(Duration least, Duration tick, Duration tickSpread, Clock clock) {
  /**
   * The longest spread of a tick: the status write before each wake-up is scheduled, and the start
   * of up to a pool of passes on two cores, take up to about 100 ms on a busy machine; the rest is
   * margin. A transition that falls due is read at most this much later.
   */
  public static final Duration TICK_SPREAD = Duration.ofMillis(250);

  public Gather {
    if (least.isNegative() || tick.isNegative() || tickSpread.isNegative()) {
      throw new IllegalArgumentException(
          "least, tick and tickSpread must not be negative: "
              + least
              + ", "
              + tick
              + ", "
              + tickSpread);
    }
    if (!tick.isZero() && tickSpread.compareTo(tick) >= 0) {
      throw new IllegalArgumentException(
          "tickSpread must be shorter than tick: " + tickSpread + " is not below " + tick);
    }
  }

  /** A wait of {@code least} alone, for passes that follow no grid. */
  public static Gather offGrid(Duration least) {
    return new Gather(least, Duration.ZERO, Duration.ZERO, Clock.systemUTC());
  }

  /**
   * For the passes of releases in flight, which wake up on a grid of {@code tick}: a spread of a
   * quarter tick, at most {@link #TICK_SPREAD}, on the machine's clock.
   */
  public static Gather onGrid(Duration tick) {
    Duration quarter = tick.dividedBy(4);
    return new Gather(
        BatchedReads.GATHER,
        tick,
        quarter.compareTo(TICK_SPREAD) < 0 ? quarter : TICK_SPREAD,
        Clock.systemUTC());
  }

  /** The same waits, the ticks told by {@code clock}. */
  public Gather withClock(Clock clock) {
    return new Gather(least, tick, tickSpread, clock);
  }

  /**
   * Until when the first pass of a batch, asking at {@code now}, waits for others: the end of the
   * tick's spread when it asks within it, and never less than {@code least}.
   */
  public Instant firstAskerUntil(Instant now) {
    Instant least = now.plus(this.least);
    Instant spreadEnd = tickSpreadEnd(now);
    return spreadEnd.isAfter(least) ? spreadEnd : least;
  }

  /** The end of the spread of the tick {@code now} falls after, or {@code now} outside it. */
  private Instant tickSpreadEnd(Instant now) {
    long grid = tick.toMillis();
    if (grid <= 0) {
      return now;
    }
    long at = now.toEpochMilli();
    long spreadEnd = Math.floorDiv(at, grid) * grid + tickSpread.toMillis();
    return at < spreadEnd ? Instant.ofEpochMilli(spreadEnd) : now;
  }
}
