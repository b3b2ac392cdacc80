package dev.ecsbluegreen.operator.aws;

/**
 * CloudWatch metrics in our vocabulary, for analysis checks: one query (metrics and metric math)
 * over a window, answered with the datapoints of the term it measures.
 */
public interface MetricsGateway {

  /**
   * GetMetricData for the query's window, following every page. An expression CloudWatch refuses is
   * an InvalidReleaseException naming it; an unreachable CloudWatch a TransientAwsException.
   */
  MetricSeries evaluate(MetricQuery query);
}
