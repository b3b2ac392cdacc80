package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * Measures green once for a check. Called on the analysis pool, never on a reconcile thread, so it
 * may block for the length of a run. A target it cannot reach is an inconclusive measurement, never
 * an exception and never a pass.
 */
public interface Provider {

  /**
   * @param release the release whose check it is: what the check names (a Secret) is looked up in
   *     its namespace
   */
  Measurement measure(AnalysisCheck check, ResourceID release);
}
