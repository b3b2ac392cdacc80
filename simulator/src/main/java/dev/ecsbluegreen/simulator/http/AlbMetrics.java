package dev.ecsbluegreen.simulator.http;

import dev.ecsbluegreen.simulator.world.LoadBalancers;
import dev.ecsbluegreen.simulator.world.TargetGroupMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The {@code AWS/ApplicationELB} namespace as CloudWatch serves it from what the simulated target
 * groups answered. A metric is found by an exact dimension set, as in CloudWatch: {@code
 * TargetGroup}, {@code TargetGroup} with {@code LoadBalancer}, or {@code LoadBalancer} alone (all
 * its target groups). Anything else is a metric that does not exist: no datapoints, no error.
 */
final class AlbMetrics {

  static final String NAMESPACE = "AWS/ApplicationELB";

  /** A {@code MetricStat}: which metric, over which period, reduced by which statistic. */
  record Query(
      String namespace,
      String metricName,
      Map<String, String> dimensions,
      Duration period,
      Statistic statistic) {}

  private final LoadBalancers loadBalancers;
  private final TargetGroupMetrics metrics;

  AlbMetrics(LoadBalancers loadBalancers, TargetGroupMetrics metrics) {
    this.loadBalancers = loadBalancers;
    this.metrics = metrics;
  }

  /** The query's datapoints at each period of the grid that has samples. */
  NavigableMap<Instant, Double> datapoints(Query query, List<Instant> periodStarts) {
    var points = new TreeMap<Instant, Double>();
    var metric =
        Arrays.stream(TargetGroupMetrics.Metric.values())
            .filter(m -> m.cloudWatchName().equals(query.metricName()))
            .findFirst();
    if (!NAMESPACE.equals(query.namespace()) || metric.isEmpty()) {
      return points;
    }
    List<String> targetGroups = targetGroups(query.dimensions());
    for (Instant start : periodStarts) {
      Instant end = start.plus(query.period());
      var samples = new TreeMap<Double, Long>();
      for (String targetGroup : targetGroups) {
        metrics
            .samples(targetGroup, metric.get(), start, end)
            .forEach((value, count) -> samples.merge(value, count, Long::sum));
      }
      if (!samples.isEmpty()) {
        points.put(start, query.statistic().of(samples));
      }
    }
    return points;
  }

  /** The names of the target groups a dimension set stands for; empty when it matches none. */
  private List<String> targetGroups(Map<String, String> dimensions) {
    String targetGroup = dimensions.get("TargetGroup");
    String loadBalancer = dimensions.get("LoadBalancer");
    int known = (targetGroup == null ? 0 : 1) + (loadBalancer == null ? 0 : 1);
    if (known == 0 || known != dimensions.size()) {
      return List.of();
    }
    return loadBalancers.targetGroups().stream()
        .filter(tg -> targetGroup == null || targetGroup.equals(targetGroupDimension(tg)))
        .filter(tg -> loadBalancer == null || loadBalancer.equals(loadBalancerDimension(tg)))
        .map(LoadBalancers.TargetGroup::name)
        .toList();
  }

  /** {@code targetgroup/<name>/<id>}: the target group ARN's resource part. */
  private static String targetGroupDimension(LoadBalancers.TargetGroup targetGroup) {
    return targetGroup.arn().substring(targetGroup.arn().lastIndexOf(':') + 1);
  }

  /** {@code app/<name>/<id>}: the load balancer ARN after {@code loadbalancer/}. */
  private String loadBalancerDimension(LoadBalancers.TargetGroup targetGroup) {
    return loadBalancers
        .byName(targetGroup.loadBalancer())
        .map(lb -> lb.arn().substring(lb.arn().indexOf("loadbalancer/") + "loadbalancer/".length()))
        .orElse("");
  }
}
