package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.aws.TrackedDeployment;
import dev.ecsbluegreen.operator.reconciler.ReleasePass;
import java.time.Instant;

/**
 * What a run measures: green of one deployment of a release.
 *
 * @param greenTargetGroup the name of the target group green serves from; null when not known yet
 * @param since when the check started against this deployment: a measurement of what happened
 *     before is not green's
 */
public record Subject(
    EcsBlueGreenRelease release, String deploymentId, String greenTargetGroup, Instant since) {

  /** Green of this deployment, since the check whose status this is started. */
  public static Subject of(
      ReleasePass pass, TrackedDeployment deployment, AnalysisCheckStatus status) {
    return new Subject(
        pass.release(),
        deployment.deploymentId(),
        deployment.greenTargetGroup(),
        Instant.parse(status.startedAt()));
  }
}
