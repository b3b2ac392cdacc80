package dev.ecsbluegreen.simulator.http;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A CloudWatch statistic over a period's samples (value to how often it was seen): {@code
 * SampleCount}, {@code Sum}, {@code Average}, {@code Minimum}, {@code Maximum} and percentiles
 * {@code p0}..{@code p100} (nearest rank).
 */
record Statistic(String name, double percentile) {

  private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,3}(\\.\\d{1,2})?)");

  /** The statistic a query names, or empty when the simulator does not compute it. */
  static Optional<Statistic> parse(String name) {
    switch (name) {
      case "SampleCount", "Sum", "Average", "Minimum", "Maximum" -> {
        return Optional.of(new Statistic(name, Double.NaN));
      }
      default -> {
        var matcher = PERCENTILE.matcher(name);
        if (!matcher.matches()) {
          return Optional.empty();
        }
        double p = Double.parseDouble(matcher.group(1));
        return p <= 100 ? Optional.of(new Statistic(name, p)) : Optional.empty();
      }
    }
  }

  /** The statistic of a non-empty set of samples; values iterate in ascending order. */
  double of(Map<Double, Long> samples) {
    long count = samples.values().stream().mapToLong(Long::longValue).sum();
    double sum = samples.entrySet().stream().mapToDouble(e -> e.getKey() * e.getValue()).sum();
    return switch (name) {
      case "SampleCount" -> count;
      case "Sum" -> sum;
      case "Average" -> sum / count;
      case "Minimum" -> samples.keySet().stream().mapToDouble(Double::doubleValue).min().orElse(0);
      case "Maximum" -> samples.keySet().stream().mapToDouble(Double::doubleValue).max().orElse(0);
      default -> nearestRank(samples, count);
    };
  }

  private double nearestRank(Map<Double, Long> samples, long count) {
    long rank = Math.max(1, (long) Math.ceil(percentile / 100 * count));
    long seen = 0;
    double value = 0;
    for (var entry : samples.entrySet()) {
      value = entry.getKey();
      seen += entry.getValue();
      if (seen >= rank) {
        break;
      }
    }
    return value;
  }
}
