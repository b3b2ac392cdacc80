package dev.ecsbluegreen.operator.analysis;

/**
 * The target group green serves from, as the release's engine knows it, for a {@code cloudWatch}
 * dimension with {@code valueFrom: GreenTargetGroup}. Called on the analysis pool, so the AWS reads
 * it may need never hold a reconcile thread.
 */
@FunctionalInterface
public interface GreenTargetGroups {

  /**
   * @return the target group's ARN
   * @throws UnresolvedTargetException when it is not known (yet): the run is inconclusive
   */
  String arn(Subject subject);
}
