package dev.ecsbluegreen.simulator.world;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Simulated time. The simulator never reads the wall clock directly, so a manual clock makes a
 * 15-minute bake cost a test nothing and a scaled clock makes a demo run faster than real time.
 */
public interface SimClock {

  /** The current simulated instant. */
  Instant now();

  /**
   * Registers a callback run after every jump of simulated time that the clock itself performs (the
   * manual clock's {@code advance}), so the world can move its deployments at once.
   */
  void onAdvance(Runnable listener);

  /**
   * How often, in wall-clock time, the simulator should move the world without any API call. Empty
   * for clocks that only move when told to.
   */
  Optional<Duration> tickEvery();

  /** A {@link java.time.Clock} reading this simulated time (UTC), for code that takes one. */
  default java.time.Clock asJavaClock() {
    SimClock sim = this;
    return new java.time.Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public java.time.Clock withZone(java.time.ZoneId zone) {
        throw new UnsupportedOperationException("Simulated time is always UTC");
      }

      @Override
      public Instant instant() {
        return sim.now();
      }
    };
  }
}
