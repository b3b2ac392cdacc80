package dev.ecsbluegreen.operator.embedded;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import java.util.Set;

/** Whether a release has finished, and what the demo expects it to finish as. */
final class ReleaseOutcome {
  static final String EXPECTED_PHASE_ANNOTATION = "demo.ecs.bluegreen.dev/expected-phase";
  private static final Set<Phase> FINAL = Set.of(Phase.Succeeded, Phase.RolledBack, Phase.Failed);

  private ReleaseOutcome() {}

  /**
   * Ended for its current generation: a final phase, or stalled on something only a person fixes.
   */
  static boolean ended(EcsBlueGreenRelease release) {
    var status = release.getStatus();
    if (status == null || status.observedGeneration() == null) {
      return false;
    }
    if (!status.observedGeneration().equals(release.getMetadata().getGeneration())) {
      return false;
    }
    var stalled =
        status.conditions() != null
            && status.conditions().stream()
                .anyMatch(c -> "Stalled".equals(c.getType()) && "True".equals(c.getStatus()));
    return FINAL.contains(status.phase()) || stalled;
  }

  static String expectedPhase(EcsBlueGreenRelease release) {
    var annotations = release.getMetadata().getAnnotations();
    var expected = annotations == null ? null : annotations.get(EXPECTED_PHASE_ANNOTATION);
    return expected == null ? Phase.Succeeded.name() : expected;
  }

  static String actualPhase(EcsBlueGreenRelease release) {
    var status = release.getStatus();
    return status == null || status.phase() == null ? "(none)" : status.phase().name();
  }
}
