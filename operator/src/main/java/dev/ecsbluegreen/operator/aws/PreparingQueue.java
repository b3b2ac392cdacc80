package dev.ecsbluegreen.operator.aws;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * The preparing calls one request budget turned away, each given its own later instant, one token's
 * time apart: the passes that made them come back one after the other rather than all at once, and
 * each can be told how many are before it. The queue holds instants, not callers: a pass that comes
 * back and again finds no token is put at the end.
 */
final class PreparingQueue {
  /** When a turned-away call should come back, and how many were queued before it. */
  record Place(Duration after, int ahead) {}

  private final long spacingNanos;
  private final LongSupplier nanoTime;
  private final Deque<Long> slots = new ArrayDeque<>();

  /**
   * @param spacingNanos one token's time of the preparing lane, which spaces the instants handed
   *     out
   * @param nanoTime the clock the budget's tokens are counted on
   */
  PreparingQueue(long spacingNanos, LongSupplier nanoTime) {
    this.spacingNanos = spacingNanos;
    this.nanoTime = nanoTime;
  }

  /**
   * A place for one more turned-away call: no earlier than {@code firstTokenIn} from now (when the
   * budget's next token is free) and one token's time after the last place handed out.
   */
  synchronized Place join(long firstTokenInNanos) {
    long now = nanoTime.getAsLong();
    forgetPast(now);
    long earliest = now + Math.max(firstTokenInNanos, 0);
    long slot = slots.isEmpty() ? earliest : Math.max(earliest, slots.peekLast() + spacingNanos);
    int ahead = slots.size();
    slots.addLast(slot);
    return new Place(Duration.ofNanos(slot - now), ahead);
  }

  /** How many turned-away calls have not reached their instant yet. */
  synchronized int waiting() {
    forgetPast(nanoTime.getAsLong());
    return slots.size();
  }

  private void forgetPast(long now) {
    while (!slots.isEmpty() && slots.peekFirst() <= now) {
      slots.removeFirst();
    }
  }
}
