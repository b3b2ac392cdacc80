package dev.ecsbluegreen.simulator.world;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What each target group's tasks answered, per simulated minute: the raw material of the {@code
 * AWS/ApplicationELB} metrics CloudWatch serves. The data plane records from its own threads
 * without the world's lock, so recording never waits for an API call.
 */
public final class TargetGroupMetrics {

  /** The ELB metrics kept per target group, with the name CloudWatch gives each. */
  public enum Metric {
    REQUEST_COUNT("RequestCount"),
    TARGET_2XX("HTTPCode_Target_2XX_Count"),
    TARGET_5XX("HTTPCode_Target_5XX_Count"),
    TARGET_RESPONSE_TIME("TargetResponseTime");

    private final String cloudWatchName;

    Metric(String cloudWatchName) {
      this.cloudWatchName = cloudWatchName;
    }

    public String cloudWatchName() {
      return cloudWatchName;
    }
  }

  /**
   * One minute of one target group. Counts are published once a minute, as the load balancer does;
   * response times are kept per distinct latency so percentiles stay exact and cheap.
   */
  private static final class Minute {
    private long requests;
    private long status2xx;
    private long status5xx;
    private final Map<Double, Long> responseTimes = new TreeMap<>();

    synchronized void record(int status, double responseSeconds) {
      requests++;
      if (status >= 200 && status < 300) {
        status2xx++;
      } else if (status >= 500) {
        status5xx++;
      }
      responseTimes.merge(responseSeconds, 1L, Long::sum);
    }

    /** The minute's samples of a metric; empty when the load balancer would publish none. */
    synchronized Map<Double, Long> samples(Metric metric) {
      return switch (metric) {
        case REQUEST_COUNT -> single(requests);
        case TARGET_2XX -> single(status2xx);
        case TARGET_5XX -> single(status5xx);
        case TARGET_RESPONSE_TIME -> new TreeMap<>(responseTimes);
      };
    }

    // A count that stayed zero is not published: CloudWatch shows no datapoint for that minute.
    private static Map<Double, Long> single(long count) {
      return count == 0 ? Map.of() : Map.of((double) count, 1L);
    }
  }

  private final ConcurrentMap<String, NavigableMap<Instant, Minute>> byTargetGroup =
      new ConcurrentHashMap<>();

  /** Records one request a task of the target group answered. */
  public void record(String targetGroup, Instant at, int status, long latencyMs) {
    byTargetGroup
        .computeIfAbsent(targetGroup, k -> new ConcurrentSkipListMap<>())
        .computeIfAbsent(at.truncatedTo(ChronoUnit.MINUTES), k -> new Minute())
        .record(status, latencyMs / 1000.0);
  }

  /**
   * The samples of a metric published in {@code [from, to)}: each value with how often it was seen.
   * A target group that served nothing in the window has none.
   */
  public Map<Double, Long> samples(String targetGroup, Metric metric, Instant from, Instant to) {
    var minutes = byTargetGroup.get(targetGroup);
    Map<Double, Long> merged = new TreeMap<>();
    if (minutes == null) {
      return merged;
    }
    for (Minute minute : minutes.subMap(from, true, to, false).values()) {
      minute.samples(metric).forEach((value, count) -> merged.merge(value, count, Long::sum));
    }
    return merged;
  }
}
