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
import java.util.Optional;

/**
 * The {@code cloudWatch} provider: a run is one GetMetricData query through the release's metrics
 * gateway (its own breaker and budget), judged by {@link ThresholdJudgement}. Green's target group
 * is looked up once per deployment from the ECS service's task sets and remembered; a lookup that
 * finds nothing, and CloudWatch failing or refusing, are inconclusive runs that say why.
 */
final class CloudWatchProvider implements Provider {
  private static final int REMEMBERED_DEPLOYMENTS = 10_000;

  private final AwsAccess aws;
  private final Clock clock;
  private final Map<String, String> greenTargetGroups =
      Collections.synchronizedMap(new LruMap<>(REMEMBERED_DEPLOYMENTS));

  CloudWatchProvider(AwsAccess aws, Clock clock) {
    this.aws = aws;
    this.clock = clock;
  }

  @Override
  public Measurement measure(AnalysisCheck check, Subject subject) {
    CloudWatchCheck cloudWatch = check.cloudWatch();
    var gateways = aws.forRelease(subject.release());
    try {
      String greenTargetGroup = null;
      if (CloudWatchQueries.needsGreenTargetGroup(cloudWatch)) {
        if (subject.greenTargetGroup() == null) {
          return Measurement.inconclusive(
              "green's target group is not known yet: the deployment's target has not been read");
        }
        var found = greenTargetGroup(gateways, subject);
        if (found.isEmpty()) {
          var service = subject.release().getSpec().service();
          return Measurement.inconclusive(
              "no task set of ECS service %s/%s serves from green's target group %s"
                  .formatted(service.cluster(), service.name(), subject.greenTargetGroup()));
        }
        greenTargetGroup = found.get();
      }
      var query =
          CloudWatchQueries.query(cloudWatch, greenTargetGroup, subject.since(), clock.instant());
      var series = gateways.metrics().evaluate(query);
      long window = query.end().getEpochSecond() - query.start().getEpochSecond();
      return ThresholdJudgement.judge(cloudWatch, series, window);
    } catch (ReleaseException e) {
      return Measurement.inconclusive("CloudWatch could not be read: " + e.getMessage());
    }
  }

  /** The TargetGroup dimension value of green's target group, looked up once per deployment. */
  private Optional<String> greenTargetGroup(AwsAccess.Gateways gateways, Subject subject) {
    var known = greenTargetGroups.get(subject.deploymentId());
    if (known != null) {
      return Optional.of(known);
    }
    var service = subject.release().getSpec().service();
    var found =
        gateways
            .ecs()
            .targetGroupArn(service.cluster(), service.name(), subject.greenTargetGroup())
            .map(MetricQuery::targetGroupDimension);
    found.ifPresent(value -> greenTargetGroups.put(subject.deploymentId(), value));
    return found;
  }
}
