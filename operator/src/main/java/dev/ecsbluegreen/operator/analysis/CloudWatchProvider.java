package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.CloudWatchCheck;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.aws.LruMap;
import dev.ecsbluegreen.operator.aws.MetricQuery;
import dev.ecsbluegreen.operator.errors.ReleaseException;
import java.time.Clock;
import java.util.Collections;
import java.util.Map;

/**
 * The {@code cloudWatch} provider: a run is one GetMetricData query through the release's metrics
 * gateway (its own breaker and budget), judged by {@link ThresholdJudgement}. Green's target group
 * is asked of the release's engine once per deployment and remembered; a lookup that finds nothing,
 * and CloudWatch failing or refusing, are inconclusive runs that say why.
 */
final class CloudWatchProvider implements Provider {
  private static final int REMEMBERED_DEPLOYMENTS = 10_000;

  private final AwsAccess aws;
  private final GreenTargetGroups greenTargetGroups;
  private final Clock clock;
  private final Map<String, String> dimensions =
      Collections.synchronizedMap(new LruMap<>(REMEMBERED_DEPLOYMENTS));

  CloudWatchProvider(AwsAccess aws, GreenTargetGroups greenTargetGroups, Clock clock) {
    this.aws = aws;
    this.greenTargetGroups = greenTargetGroups;
    this.clock = clock;
  }

  @Override
  public Measurement measure(AnalysisCheck check, Subject subject) {
    CloudWatchCheck cloudWatch = check.cloudWatch();
    try {
      String greenTargetGroup =
          CloudWatchQueries.needsGreenTargetGroup(cloudWatch) ? dimension(subject) : null;
      var query =
          CloudWatchQueries.query(cloudWatch, greenTargetGroup, subject.since(), clock.instant());
      var series = aws.forRelease(subject.release()).metrics().evaluate(query);
      long window = query.end().getEpochSecond() - query.start().getEpochSecond();
      return ThresholdJudgement.judge(cloudWatch, series, window);
    } catch (UnresolvedTargetException e) {
      return Measurement.inconclusive(e.getMessage());
    } catch (ReleaseException e) {
      return Measurement.inconclusive("CloudWatch could not be read: " + e.getMessage());
    }
  }

  /** The TargetGroup dimension value of green's target group, looked up once per deployment. */
  private String dimension(Subject subject) {
    var known = dimensions.get(subject.deploymentId());
    if (known != null) {
      return known;
    }
    String found = MetricQuery.targetGroupDimension(greenTargetGroups.arn(subject));
    dimensions.put(subject.deploymentId(), found);
    return found;
  }
}
