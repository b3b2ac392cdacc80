package dev.ecsbluegreen.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.simulator.world.AwsException;
import dev.ecsbluegreen.simulator.world.SimulatedAws;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Amazon CloudWatch (API 2010-08-01) {@code GetMetricData}, the one operation served, for the load
 * balancer metrics of the simulated target groups. It reads the metrics store, never the world's
 * state, so it runs without the world's lock. Errors carry the query protocol's codes ({@code
 * ValidationError}, {@code MissingParameter}), which the awsQuery-compatible wire format reports.
 */
final class CloudWatchApi {

  static final int MAX_QUERIES = 500;
  private static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9_]{0,254}");

  /** One entry of {@code MetricDataQueries}, validated. */
  private record DataQuery(
      String id, String label, boolean returnData, AlbMetrics.Query stat, MetricMath.Node math) {}

  private final AlbMetrics metrics;

  CloudWatchApi(SimulatedAws aws) {
    this.metrics = new AlbMetrics(aws.loadBalancers(), aws.metrics());
  }

  JsonNode invoke(String operation, JsonNode in) {
    if (!operation.equals("GetMetricData")) {
      throw AwsException.client(
          "UnknownOperationException", "The simulator does not serve CloudWatch " + operation);
    }
    return getMetricData(in);
  }

  private JsonNode getMetricData(JsonNode in) {
    JsonNode entries = in.path("MetricDataQueries");
    if (!entries.isArray() || entries.isEmpty()) {
      throw missing("MetricDataQueries");
    }
    if (entries.size() > MAX_QUERIES) {
      throw invalid(
          "The collection MetricDataQueries must not have a size greater than %d."
              .formatted(MAX_QUERIES));
    }
    Instant start = time(in, "StartTime");
    Instant end = time(in, "EndTime");
    if (!start.isBefore(end)) {
      throw invalid("The parameter StartTime must be less than the parameter EndTime.");
    }
    boolean ascending = ascending(in.path("ScanBy").asText("TimestampDescending"));
    Map<String, DataQuery> queries = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      DataQuery query = dataQuery(entries.get(i), "MetricDataQueries.member." + (i + 1));
      if (queries.putIfAbsent(query.id(), query) != null) {
        throw invalid(
            "The value %s for parameter MetricDataQueries.member.%d.Id is not unique."
                .formatted(query.id(), i + 1));
      }
    }
    var evaluation = new Evaluation(queries, start, end);
    // Every expression is checked, also those whose data is not returned, as CloudWatch does.
    queries.keySet().forEach(evaluation::series);
    return answer(evaluation, ascending);
  }

  private ObjectNode answer(Evaluation evaluation, boolean ascending) {
    ObjectNode out = Json.object();
    var results = out.putArray("MetricDataResults");
    for (DataQuery query : evaluation.queries.values()) {
      if (!query.returnData()) {
        continue;
      }
      NavigableMap<Instant, Double> points = evaluation.series(query.id());
      var ordered = ascending ? points : points.descendingMap();
      ObjectNode result = results.addObject().put("Id", query.id()).put("Label", query.label());
      var timestamps = result.putArray("Timestamps");
      var values = result.putArray("Values");
      ordered.forEach(
          (at, value) -> {
            timestamps.add(at.getEpochSecond());
            values.add(value);
          });
      result.put("StatusCode", "Complete");
    }
    out.putArray("Messages");
    return out;
  }

  /** Evaluates queries on demand, each once, refusing expressions that refer in a circle. */
  private final class Evaluation {
    private final Map<String, DataQuery> queries;
    private final Instant start;
    private final Instant end;
    private final Map<String, NavigableMap<Instant, Double>> done = new HashMap<>();
    private final Set<String> evaluating = new HashSet<>();

    Evaluation(Map<String, DataQuery> queries, Instant start, Instant end) {
      this.queries = queries;
      this.start = start;
      this.end = end;
    }

    NavigableMap<Instant, Double> series(String id) {
      var known = done.get(id);
      if (known != null) {
        return known;
      }
      DataQuery query = queries.get(id);
      if (!evaluating.add(id)) {
        throw expressionError(id, "it refers to itself through other expressions");
      }
      NavigableMap<Instant, Double> points =
          query.stat() != null
              ? metrics.datapoints(query.stat(), grid(query.stat().period()))
              : evaluate(query);
      evaluating.remove(id);
      done.put(id, points);
      return points;
    }

    private NavigableMap<Instant, Double> evaluate(DataQuery query) {
      var scope =
          new MetricMath.Scope(
              ref -> {
                if (!queries.containsKey(ref)) {
                  throw new MetricMath.InvalidExpression(
                      "Unrecognized metric or expression id '%s'".formatted(ref));
                }
                return new MetricMath.Series(series(ref));
              },
              grid(smallestPeriod()));
      try {
        MetricMath.Value value = query.math().evaluate(scope);
        if (value instanceof MetricMath.Series series) {
          return series.points();
        }
        double constant = ((MetricMath.Scalar) value).value();
        var points = new TreeMap<Instant, Double>();
        scope.grid().forEach(at -> points.put(at, constant));
        return points;
      } catch (MetricMath.InvalidExpression e) {
        throw expressionError(query.id(), e.getMessage());
      }
    }

    /** The period the expressions' FILL uses: the finest of the request's metrics, or 1 min. */
    private Duration smallestPeriod() {
      return queries.values().stream()
          .filter(q -> q.stat() != null)
          .map(q -> q.stat().period())
          .min(Duration::compareTo)
          .orElse(Duration.ofMinutes(1));
    }

    /** Period starts from the start time (whole minutes) up to the end time. */
    private List<Instant> grid(Duration period) {
      List<Instant> starts = new ArrayList<>();
      for (Instant at = start.truncatedTo(ChronoUnit.MINUTES);
          at.isBefore(end);
          at = at.plus(period)) {
        starts.add(at);
      }
      return starts;
    }
  }

  private static DataQuery dataQuery(JsonNode entry, String member) {
    String id = entry.path("Id").asText("");
    if (id.isEmpty()) {
      throw missing(member + ".Id");
    }
    if (!ID.matcher(id).matches()) {
      throw invalid(
          ("The value %s for parameter %s.Id is not valid: an Id starts with a lowercase letter"
                  + " and holds only letters, digits and underscores.")
              .formatted(id, member));
    }
    boolean hasStat = entry.hasNonNull("MetricStat");
    boolean hasExpression = entry.hasNonNull("Expression");
    if (hasStat == hasExpression) {
      throw invalid(
          "Exactly one of MetricStat and Expression must be specified in %s.".formatted(member));
    }
    boolean returnData = entry.path("ReturnData").asBoolean(true);
    if (hasStat) {
      var stat = metricStat(entry.get("MetricStat"), member + ".MetricStat");
      return new DataQuery(
          id, entry.path("Label").asText(stat.metricName()), returnData, stat, null);
    }
    String expression = entry.get("Expression").asText();
    try {
      var math = MetricMath.parse(expression);
      return new DataQuery(id, entry.path("Label").asText(id), returnData, null, math);
    } catch (MetricMath.InvalidExpression e) {
      throw expressionError(id, e.getMessage());
    }
  }

  private static AlbMetrics.Query metricStat(JsonNode stat, String member) {
    JsonNode metric = stat.path("Metric");
    String namespace = required(metric, "Namespace", member + ".Metric");
    String name = required(metric, "MetricName", member + ".Metric");
    Map<String, String> dimensions = new HashMap<>();
    for (JsonNode dimension : metric.path("Dimensions")) {
      dimensions.put(dimension.path("Name").asText(), dimension.path("Value").asText());
    }
    if (!stat.has("Period")) {
      throw missing(member + ".Period");
    }
    long period = stat.path("Period").asLong();
    if (period <= 0 || period % 60 != 0) {
      throw invalid(
          "The value %d for parameter %s.Period is not valid: the period must be a multiple of 60."
              .formatted(period, member));
    }
    String statName = required(stat, "Stat", member);
    var statistic =
        Statistic.parse(statName)
            .orElseThrow(
                () ->
                    invalid(
                        "The value %s for parameter %s.Stat is not a valid statistic."
                            .formatted(statName, member)));
    return new AlbMetrics.Query(namespace, name, dimensions, Duration.ofSeconds(period), statistic);
  }

  private static boolean ascending(String scanBy) {
    return switch (scanBy) {
      case "TimestampAscending" -> true;
      case "TimestampDescending" -> false;
      default ->
          throw invalid(
              "The value %s for parameter ScanBy is not valid: TimestampDescending or TimestampAscending."
                  .formatted(scanBy));
    };
  }

  /** A CBOR timestamp: epoch seconds, whole or fractional. */
  private static Instant time(JsonNode in, String field) {
    JsonNode value = in.get(field);
    if (value == null || !value.isNumber()) {
      throw missing(field);
    }
    return Instant.ofEpochMilli(Math.round(value.asDouble() * 1000));
  }

  private static String required(JsonNode node, String field, String member) {
    String value = node.path(field).asText("");
    if (value.isEmpty()) {
      throw missing(member + "." + field);
    }
    return value;
  }

  private static AwsException missing(String parameter) {
    return AwsException.client(
        "MissingParameter", "The parameter %s is required.".formatted(parameter));
  }

  private static AwsException invalid(String message) {
    return AwsException.client("ValidationError", message);
  }

  private static AwsException expressionError(String id, String reason) {
    return invalid("Error in expression '%s': %s".formatted(id, reason));
  }
}
