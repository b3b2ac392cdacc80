package dev.ecsbluegreen.operator.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A CloudWatch query over {@code [start, end)}: metrics and metric math expressions ({@link Term}s
 * that refer to each other by id) and the id of the one whose datapoints are the measurement, as a
 * CloudWatch alarm on metric math works.
 *
 * @param measuredId the term whose datapoints are returned; the others only feed it
 */
public record MetricQuery(Instant start, Instant end, List<Term> terms, String measuredId) {

  public MetricQuery {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    terms = List.copyOf(terms);
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "The metric query's end (%s) must be after its start (%s)".formatted(end, start));
    }
    if (terms.stream().noneMatch(t -> t.id().equals(measuredId))) {
      throw new IllegalArgumentException(
          "The metric query measures '%s', which none of its terms is".formatted(measuredId));
    }
  }

  /**
   * One entry of the query: a metric statistic or an expression over other terms' ids, never both.
   */
  public record Term(String id, Stat stat, String expression) {
    public Term {
      Objects.requireNonNull(id, "A metric query term needs an id");
      if ((stat == null) == (expression == null)) {
        throw new IllegalArgumentException(
            "Metric query term '%s' needs exactly one of a metric stat and an expression"
                .formatted(id));
      }
    }

    public static Term metric(String id, Stat stat) {
      return new Term(id, stat, null);
    }

    public static Term expression(String id, String expression) {
      return new Term(id, null, expression);
    }
  }

  /**
   * A statistic ({@code Sum}, {@code Average}, {@code p99}, ...) of one metric over each period.
   */
  public record Stat(
      String namespace,
      String metricName,
      Map<String, String> dimensions,
      Duration period,
      String statistic) {
    public Stat {
      dimensions = Map.copyOf(dimensions);
    }

    /**
     * A load balancer metric of one target group ({@code AWS/ApplicationELB}, dimension {@code
     * TargetGroup} = {@code targetgroup/<name>/<id>}, the resource part of its ARN).
     */
    public static Stat ofTargetGroup(
        String targetGroupArn, String metricName, Duration period, String statistic) {
      return new Stat(
          "AWS/ApplicationELB",
          metricName,
          Map.of("TargetGroup", targetGroupDimension(targetGroupArn)),
          period,
          statistic);
    }
  }

  /**
   * The {@code TargetGroup} dimension value of a target group: {@code targetgroup/<name>/<id>}, the
   * resource part of its ARN.
   */
  public static String targetGroupDimension(String targetGroupArn) {
    int at = targetGroupArn == null ? -1 : targetGroupArn.indexOf(":targetgroup/");
    if (at < 0) {
      throw new IllegalArgumentException(
          "Not an Elastic Load Balancing target group ARN: " + targetGroupArn);
    }
    return targetGroupArn.substring(at + 1);
  }
}
