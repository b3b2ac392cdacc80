package dev.ecsbluegreen.simulator.world;

import java.time.Instant;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The simulated future: things due at a simulated instant, run in time order when the world
 * advances. Only the world's lock holder touches it.
 */
final class Scheduler {

  private record Wake(Instant at, long sequence, Consumer<Instant> action)
      implements Comparable<Wake> {
    @Override
    public int compareTo(Wake other) {
      int byTime = at.compareTo(other.at);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }

  private final PriorityQueue<Wake> queue = new PriorityQueue<>();
  private long sequence;

  void at(Instant at, Consumer<Instant> action) {
    queue.add(new Wake(at, sequence++, action));
  }

  /** Runs every action due at or before {@code now}, including ones scheduled while running. */
  void runUntil(Instant now) {
    while (!queue.isEmpty() && !queue.peek().at().isAfter(now)) {
      Wake wake = queue.poll();
      wake.action().accept(wake.at());
    }
  }

  int pending() {
    return queue.size();
  }
}
