package dev.ecsbluegreen.simulator.world;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock that only moves when a test calls {@link #advance(Duration)}. Advancing runs the world up
 * to the new instant before returning, so what a test reads through the API right after is already
 * the state at that time.
 */
public final class ManualClock implements SimClock {

  /** A fixed, recognisable default start so test output is reproducible. */
  public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");

  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile Instant now;

  public ManualClock() {
    this(DEFAULT_START);
  }

  public ManualClock(Instant start) {
    this.now = start;
  }

  @Override
  public Instant now() {
    return now;
  }

  /** Moves simulated time forward and lets the world catch up. */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("Simulated time cannot go backwards: " + duration);
    }
    synchronized (this) {
      now = now.plus(duration);
    }
    listeners.forEach(Runnable::run);
  }

  @Override
  public void onAdvance(Runnable listener) {
    listeners.add(listener);
  }

  @Override
  public Optional<Duration> tickEvery() {
    return Optional.empty();
  }
}
