package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;

/**
 * Measures green once for a check. Called on the analysis pool, never on a reconcile thread, so it
 * may block for the length of a run. A target it cannot reach is an inconclusive measurement, never
 * an exception and never a pass.
 */
public interface Provider {

  /**
   * @param subject green of which deployment of which release: what the check names (a Secret) is
   *     looked up in the release's namespace
   */
  Measurement measure(AnalysisCheck check, Subject subject);
}
