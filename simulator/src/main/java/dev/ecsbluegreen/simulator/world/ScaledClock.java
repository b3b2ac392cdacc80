package dev.ecsbluegreen.simulator.world;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Simulated time running faster (or slower) than the wall clock: {@code speed} simulated seconds
 * pass per wall-clock second. A speed of 60 makes a simulated minute last one wall-clock second.
 */
public final class ScaledClock implements SimClock {

  private final Instant start;
  private final long startNanos;
  private final double speed;

  private ScaledClock(Instant start, double speed) {
    if (!(speed > 0)) {
      throw new IllegalArgumentException("Time scale must be positive, was " + speed);
    }
    this.start = start;
    this.startNanos = System.nanoTime();
    this.speed = speed;
  }

  /** {@code speed} simulated seconds per wall-clock second, starting at the real current time. */
  public static ScaledClock ofSpeed(double speed) {
    return new ScaledClock(Instant.now(), speed);
  }

  /** A simulated minute lasts {@code millis} wall-clock milliseconds. */
  public static ScaledClock minuteLasts(double millis) {
    return ofSpeed(60_000.0 / millis);
  }

  public double speed() {
    return speed;
  }

  @Override
  public Instant now() {
    double simulatedNanos = (System.nanoTime() - startNanos) * speed;
    return start.plusNanos((long) simulatedNanos);
  }

  @Override
  public void onAdvance(Runnable listener) {
    // Time flows by itself; the simulator's ticker moves the world.
  }

  @Override
  public Optional<Duration> tickEvery() {
    // Tick often enough that a simulated second is not skipped over at high speeds, but never
    // busier than every 5 ms of wall time.
    long millis = Math.max(5, Math.min(200, (long) (1000 / speed)));
    return Optional.of(Duration.ofMillis(millis));
  }
}
