package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.errors.AwsAccessException;
import dev.ecsbluegreen.operator.errors.TransientAwsException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/** {@link MetricsGateway} on the SDK's CloudWatch client (GetMetricData only). */
public final class AwsMetricsGateway implements MetricsGateway {

  private final CloudWatchClient cloudWatch;

  public AwsMetricsGateway(CloudWatchClient cloudWatch) {
    this.cloudWatch = cloudWatch;
  }

  @Override
  public MetricSeries evaluate(MetricQuery query) {
    String resource = "metric query '" + query.measuredId() + "'";
    var request =
        GetMetricDataRequest.builder()
            .startTime(query.start())
            .endTime(query.end())
            .scanBy(ScanBy.TIMESTAMP_ASCENDING)
            .metricDataQueries(query.terms().stream().map(t -> toSdk(t, query)).toList())
            .build();
    List<MetricSeries.Datapoint> datapoints = new ArrayList<>();
    String nextToken = null;
    do {
      var page = request.toBuilder().nextToken(nextToken).build();
      GetMetricDataResponse response =
          AwsErrors.call("GetMetricData", resource, () -> cloudWatch.getMetricData(page));
      for (MetricDataResult result : response.metricDataResults()) {
        if (result.id().equals(query.measuredId())) {
          checkComplete(result, resource);
          for (int i = 0; i < result.timestamps().size(); i++) {
            datapoints.add(
                new MetricSeries.Datapoint(result.timestamps().get(i), result.values().get(i)));
          }
        }
      }
      nextToken = response.nextToken();
    } while (nextToken != null);
    return new MetricSeries(query.measuredId(), datapoints);
  }

  /** Only the measured term returns data, as in an alarm on metric math; the rest feed it. */
  private static MetricDataQuery toSdk(MetricQuery.Term term, MetricQuery query) {
    var builder =
        MetricDataQuery.builder().id(term.id()).returnData(term.id().equals(query.measuredId()));
    if (term.expression() != null) {
      return builder.expression(term.expression()).build();
    }
    var stat = term.stat();
    var metric =
        Metric.builder()
            .namespace(stat.namespace())
            .metricName(stat.metricName())
            .dimensions(
                stat.dimensions().entrySet().stream()
                    .map(d -> Dimension.builder().name(d.getKey()).value(d.getValue()).build())
                    .toList())
            .build();
    return builder
        .metricStat(
            MetricStat.builder()
                .metric(metric)
                .period(Math.toIntExact(stat.period().toSeconds()))
                .stat(stat.statistic())
                .build())
        .build();
  }

  /**
   * CloudWatch answers some failures inside a result rather than as an error: a metric another
   * account does not share ({@code Forbidden}) or its own trouble ({@code InternalError}).
   */
  private static void checkComplete(MetricDataResult result, String resource) {
    if (result.statusCode() == StatusCode.FORBIDDEN) {
      throw new AwsAccessException(
          "CloudWatch refused the data of %s (Forbidden)".formatted(resource), "Forbidden", null);
    }
    if (result.statusCode() == StatusCode.INTERNAL_ERROR) {
      throw new TransientAwsException(
          "CloudWatch failed to compute %s (InternalError)".formatted(resource),
          "InternalError",
          false,
          null);
    }
  }
}
