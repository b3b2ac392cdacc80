package dev.ecsbluegreen.operator.aws;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The datapoints a metric query measured, oldest first; none when nothing was published. */
public record MetricSeries(String id, List<Datapoint> datapoints) {

  public record Datapoint(Instant timestamp, double value) {}

  public MetricSeries {
    datapoints = datapoints.stream().sorted(Comparator.comparing(Datapoint::timestamp)).toList();
  }

  /** The newest datapoint's value, or empty when the window had none. */
  public Optional<Double> lastValue() {
    return datapoints.isEmpty()
        ? Optional.empty()
        : Optional.of(datapoints.get(datapoints.size() - 1).value());
  }
}
