package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.api.v1alpha1.CloudWatchCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.MetricDimension;
import dev.ecsbluegreen.operator.api.v1alpha1.MetricDimension.DimensionSource;
import dev.ecsbluegreen.operator.api.v1alpha1.MetricStat;
import dev.ecsbluegreen.operator.aws.MetricQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a cloudWatch check into the GetMetricData query of one run. Pure: the dimension values the
 * release's deployment supplies are given.
 */
public final class CloudWatchQueries {
  /** The id the expression is measured under, unless a metric already has it. */
  static final String MEASURED = "measured";

  private CloudWatchQueries() {}

  /** Whether a dimension of the check takes its value from green's target group. */
  public static boolean needsGreenTargetGroup(CloudWatchCheck check) {
    return check.metrics().stream()
        .flatMap(m -> m.dimensions().stream())
        .anyMatch(d -> d.valueFrom() == DimensionSource.GreenTargetGroup);
  }

  /**
   * The query of a run at {@code now}: the last {@code windowSeconds}, but nothing from before
   * {@code since} (the check's start), when green's target group may still have served another
   * deployment.
   *
   * @param greenTargetGroup the {@code TargetGroup} dimension value of green's target group ({@code
   *     targetgroup/<name>/<id>}); may be null when no dimension refers to it
   */
  public static MetricQuery query(
      CloudWatchCheck check, String greenTargetGroup, Instant since, Instant now) {
    Instant start = now.minus(Duration.ofSeconds(check.windowSeconds()));
    if (since.isAfter(start)) {
      start = since;
    }
    if (!start.isBefore(now)) {
      start = now.minusSeconds(1);
    }
    List<MetricQuery.Term> terms = new ArrayList<>();
    List<MetricStat> metrics = check.metrics();
    for (int i = 0; i < metrics.size(); i++) {
      var metric = metrics.get(i);
      String id = metric.id() != null ? metric.id() : "m" + (i + 1);
      terms.add(MetricQuery.Term.metric(id, stat(metric, greenTargetGroup)));
    }
    if (check.expression() == null) {
      return new MetricQuery(start, now, terms, terms.get(0).id());
    }
    String measured = freeId(terms.stream().map(MetricQuery.Term::id).collect(Collectors.toSet()));
    terms.add(MetricQuery.Term.expression(measured, check.expression()));
    return new MetricQuery(start, now, terms, measured);
  }

  /** What the check measures, as its status and messages name it. */
  public static String measured(CloudWatchCheck check) {
    if (check.expression() != null) {
      return check.expression();
    }
    var metric = check.metrics().get(0);
    return metric.stat() + " of " + metric.metricName();
  }

  private static MetricQuery.Stat stat(MetricStat metric, String greenTargetGroup) {
    var dimensions = new LinkedHashMap<String, String>();
    for (MetricDimension dimension : metric.dimensions()) {
      dimensions.put(dimension.name(), value(dimension, greenTargetGroup));
    }
    return new MetricQuery.Stat(
        metric.namespace(),
        metric.metricName(),
        dimensions,
        Duration.ofSeconds(metric.periodSeconds()),
        metric.stat());
  }

  private static String value(MetricDimension dimension, String greenTargetGroup) {
    if (dimension.valueFrom() == null) {
      return dimension.value();
    }
    if (greenTargetGroup == null) {
      throw new IllegalArgumentException(
          "Dimension " + dimension.name() + " needs green's target group, which is not known");
    }
    return greenTargetGroup;
  }

  private static String freeId(Set<String> taken) {
    String id = MEASURED;
    for (int n = 1; taken.contains(id); n++) {
      id = MEASURED + n;
    }
    return id;
  }
}
