package dev.ecsbluegreen.simulator.world;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a deployment config moves production traffic: the green weight it sets at each step and the
 * simulated time between steps.
 */
public record TrafficRouting(String type, int percentage, int intervalMinutes) {

  public static final TrafficRouting ALL_AT_ONCE = new TrafficRouting("AllAtOnce", 100, 0);

  public static TrafficRouting canary(int percentage, int intervalMinutes) {
    return new TrafficRouting("TimeBasedCanary", percentage, intervalMinutes);
  }

  public static TrafficRouting linear(int percentage, int intervalMinutes) {
    return new TrafficRouting("TimeBasedLinear", percentage, intervalMinutes);
  }

  /** Green's production weight after each step, ending at 100. */
  public List<Double> greenWeights() {
    return switch (type) {
      case "TimeBasedCanary" -> List.of((double) percentage, 100.0);
      case "TimeBasedLinear" -> {
        var weights = new ArrayList<Double>();
        for (int w = percentage; w < 100; w += percentage) {
          weights.add((double) w);
        }
        weights.add(100.0);
        yield weights;
      }
      default -> List.of(100.0);
    };
  }

  public Duration interval() {
    return Duration.ofMinutes(intervalMinutes);
  }
}
