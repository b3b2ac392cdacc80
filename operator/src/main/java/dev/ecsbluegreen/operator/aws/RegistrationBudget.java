package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.errors.AwsBudgetWaitException;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * ECS's own rate for task definition registrations in one account and region, kept apart from the
 * rest of the ECS budget: ECS rates {@code RegisterTaskDefinition} on its own, a bucket of 60
 * refilled 1 a second, far below its other actions. A burst of new releases registers at that pace
 * inside the operator rather than drawing throttling answers (and the retries and repeated reads
 * they cost).
 *
 * <p>The budget is a bucket of {@code burst} registrations refilled 1 a second (a generic cell rate
 * schedule, counted on {@code nanoTime}). A registration it cannot send now is given a turn: the
 * instant the bucket will hold a token for it, one second after the turn before. The token is kept
 * for that release, which comes back at its turn and finds it, so turned-away releases register in
 * the order they were turned away, one a second, instead of all coming back when the bucket refills
 * and being turned away again. A release that comes back early is told its turn again; one that is
 * deleted or no longer registers leaves its turn unused, and the turn expires.
 *
 * <p>Why this never exceeds ECS's bucket: turns follow the bucket, so any span of L seconds holds
 * at most {@code burst} + L of them; a turn is taken no later than {@code burst} seconds after its
 * instant, so any span of L seconds sends at most 2 {@code burst} + L registrations. With a burst
 * of 30, half of ECS's bucket, that is ECS's 60 + L.
 */
final class RegistrationBudget implements CallBudget {
  static final String OPERATION = "RegisterTaskDefinition";

  /** One registration a second: ECS's refill. */
  static final long SPACING_NANOS = TimeUnit.SECONDS.toNanos(1);

  /**
   * How much later than asked a turned-away pass is told to come back: its turn must have come when
   * it asks again, on whatever clock its timer runs.
   */
  static final Duration COME_BACK_MARGIN = Duration.ofMillis(20);

  private final int burst;
  private final long toleranceNanos;
  private final long keptNanos;
  private final String target;
  private final LongSupplier nanoTime;
  private final Counter deferred;

  /**
   * When the bucket is empty again if nothing more is sent: a registration may be sent at {@code t}
   * if {@code t >= emptyAt - toleranceNanos}, which moves it one second on.
   */
  private long emptyAt;

  /** The turns given to releases turned away and not yet taken, by release uid. */
  private final Map<String, Long> turns = new HashMap<>();

  /** Turns taken (or tokens sent at once) whose call may still be turned away by a later budget. */
  private final Map<String, Long> taken = new HashMap<>();

  /**
   * @param burst registrations sent at once before the bucket paces them 1 a second
   * @param target the account and region as users read it ("us-east-1")
   * @param nanoTime the clock turns are counted on
   * @param deferred counts the registrations turned away and given a turn
   */
  RegistrationBudget(int burst, String target, LongSupplier nanoTime, Counter deferred) {
    this.burst = burst;
    this.toleranceNanos = (burst - 1) * SPACING_NANOS;
    this.keptNanos = burst * SPACING_NANOS;
    this.target = target;
    this.nanoTime = nanoTime;
    this.deferred = deferred;
    this.emptyAt = nanoTime.getAsLong();
  }

  /**
   * Spends a registration's token: one kept for the release, or a free one; else gives the release
   * a turn and says when it is.
   *
   * @throws AwsBudgetWaitException no registration may be sent now: the pass comes back later
   */
  @Override
  public synchronized void spend(String operation, String releaseUid) {
    if (!OPERATION.equals(operation)) {
      return;
    }
    long now = nanoTime.getAsLong();
    expire(now);
    Long turn = releaseUid == null ? null : turns.get(releaseUid);
    if (turn != null) {
      if (now < turn) {
        throw waiting(turn - now, ahead(turn));
      }
      turns.remove(releaseUid);
      take(releaseUid, turn);
      return;
    }
    long next = emptyAt - toleranceNanos;
    if (now >= next) {
      emptyAt = Math.max(emptyAt, now) + SPACING_NANOS;
      take(releaseUid, now);
      return;
    }
    if (releaseUid == null) {
      // No one to keep a token for: told when the next one is free, like everyone else.
      throw waiting(next - now, turns.size());
    }
    emptyAt += SPACING_NANOS;
    turns.put(releaseUid, next);
    deferred.increment();
    throw waiting(next - now, ahead(next));
  }

  /** The release's call was not sent after all: its token stays kept for it, until it expires. */
  @Override
  public synchronized void unspent(String operation, String releaseUid) {
    if (!OPERATION.equals(operation) || releaseUid == null) {
      return;
    }
    Long turn = taken.remove(releaseUid);
    if (turn != null && turn + keptNanos >= nanoTime.getAsLong()) {
      turns.put(releaseUid, turn);
    }
  }

  /** Releases turned away whose turn has not been taken nor expired. */
  synchronized int queued() {
    expire(nanoTime.getAsLong());
    return turns.size();
  }

  private void take(String releaseUid, long turn) {
    if (releaseUid != null) {
      taken.put(releaseUid, turn);
    }
  }

  /** Turns not taken within the time ECS's bucket absorbs are dropped: their token is lost. */
  private void expire(long now) {
    turns.values().removeIf(turn -> turn + keptNanos < now);
    taken.values().removeIf(turn -> turn + keptNanos < now);
  }

  private int ahead(long turn) {
    return (int) turns.values().stream().filter(other -> other < turn).count();
  }

  private AwsBudgetWaitException waiting(long nanos, int ahead) {
    Duration after = Duration.ofNanos(nanos).plus(COME_BACK_MARGIN);
    return new AwsBudgetWaitException(
        "Waiting to register the task definition: ECS takes %d registrations at once and then 1 a"
                .formatted(burst)
            + " second in %s; %d %s ahead, turn in %d s"
                .formatted(
                    target,
                    ahead,
                    ahead == 1 ? "release" : "releases",
                    Math.max(1, (after.toMillis() + 999) / 1000)),
        after,
        ahead);
  }
}
