package dev.ecsbluegreen.operator.observability;

import java.util.Arrays;
import java.util.Map;
import java.util.OptionalDouble;

/** Reads one sample out of a Prometheus text scrape: {@code value("x_total", Map.of("a", "b"))}. */
record PrometheusText(String scrape) {

  /** The sample with this name whose labels include all of {@code labels}. */
  OptionalDouble value(String name, Map<String, String> labels) {
    return Arrays.stream(scrape.split("\n"))
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(
            line ->
                labels.entrySet().stream()
                    .allMatch(e -> line.contains(e.getKey() + "=\"" + e.getValue() + "\"")))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst();
  }

  double value(String name, String... labelPairs) {
    var labels = new java.util.HashMap<String, String>();
    for (int i = 0; i < labelPairs.length; i += 2) {
      labels.put(labelPairs[i], labelPairs[i + 1]);
    }
    return value(name, labels)
        .orElseThrow(() -> new AssertionError("no sample " + name + labels + " in\n" + scrape));
  }
}
