package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;

/**
 * Turns a check into what its provider measures: an http check on one of the release's listeners
 * into one to that listener's URL. Called on the analysis pool before each run, so the AWS reads it
 * may need never hold a reconcile thread.
 */
@FunctionalInterface
public interface CheckTargets {

  /** Checks that need nothing resolved, as they are. */
  CheckTargets AS_WRITTEN = (release, deploymentId, check) -> check;

  /**
   * @param deploymentId the deployment the check measures green of
   * @throws UnresolvedTargetException when the target cannot be found: the run is inconclusive
   */
  AnalysisCheck resolve(EcsBlueGreenRelease release, String deploymentId, AnalysisCheck check);
}
