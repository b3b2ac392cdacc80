package dev.ecsbluegreen.simulator.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What can go wrong between EventBridge and a queue: an event lost, delivered twice, or delivered
 * late (in simulated time). A rule matches an event's state ({@code START}, {@code SUCCESS}, ...)
 * or {@code *}, and fires on a seeded fraction of events or on the next {@code count} ones.
 */
public final class EventDeliveryFaults {

  /** The kinds of delivery fault. */
  public enum Kind {
    DROP,
    DUPLICATE,
    DELAY
  }

  private record Rule(
      Kind kind, String state, Double rate, AtomicInteger remaining, Duration delay) {
    boolean matches(String eventState) {
      return state.equals("*") || state.equals(eventState);
    }
  }

  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final Random random;

  public EventDeliveryFaults(long seed) {
    this.random = new Random(seed);
  }

  /** Loses a fraction (0..1) of the events in this state ({@code *}: any). */
  public EventDeliveryFaults drop(String state, double rate) {
    return add(Kind.DROP, state, rate, null, Duration.ZERO);
  }

  /** Loses the next {@code count} events in this state. */
  public EventDeliveryFaults dropNext(String state, int count) {
    return add(Kind.DROP, state, null, count, Duration.ZERO);
  }

  /** Delivers a fraction of the events in this state twice. */
  public EventDeliveryFaults duplicate(String state, double rate) {
    return add(Kind.DUPLICATE, state, rate, null, Duration.ZERO);
  }

  public EventDeliveryFaults duplicateNext(String state, int count) {
    return add(Kind.DUPLICATE, state, null, count, Duration.ZERO);
  }

  /** Delivers a fraction of the events in this state {@code delay} of simulated time late. */
  public EventDeliveryFaults delay(String state, double rate, Duration delay) {
    return add(Kind.DELAY, state, rate, null, delay);
  }

  public EventDeliveryFaults delayNext(String state, int count, Duration delay) {
    return add(Kind.DELAY, state, null, count, delay);
  }

  /** Removes every delivery fault. */
  public void clear() {
    rules.clear();
  }

  public EventDeliveryFaults add(
      Kind kind, String state, Double rate, Integer count, Duration delay) {
    rules.add(
        new Rule(
            kind,
            state == null ? "*" : state,
            rate == null && count == null ? Double.valueOf(1.0) : rate,
            count == null ? null : new AtomicInteger(count),
            delay == null ? Duration.ZERO : delay));
    return this;
  }

  /** The delay of each copy to deliver: none when dropped, two when duplicated. */
  List<Duration> deliveries(String state) {
    Duration delay = Duration.ZERO;
    int copies = 1;
    for (Rule rule : rules) {
      if (!rule.matches(state) || !fires(rule)) {
        continue;
      }
      switch (rule.kind()) {
        case DROP -> copies = 0;
        case DUPLICATE -> copies = copies == 0 ? 0 : 2;
        case DELAY -> delay = delay.plus(rule.delay());
      }
    }
    List<Duration> out = new ArrayList<>();
    for (int i = 0; i < copies; i++) {
      out.add(delay);
    }
    return out;
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
