package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.reconciler.Conditions.Health;

/** What a pass tells people: the phase, which condition holds, and why. */
public record Report(Phase phase, Health health, String reason, String message) {

  public static Report reconciling(Phase phase, String reason, String message) {
    return new Report(phase, Health.RECONCILING, reason, message);
  }

  public static Report stalled(Phase phase, String reason, String message) {
    return new Report(phase, Health.STALLED, reason, message);
  }

  public static Report ready(String reason, String message) {
    return new Report(Phase.Succeeded, Health.READY, reason, message);
  }

  public boolean settled() {
    return phase == Phase.Succeeded || phase == Phase.RolledBack || phase == Phase.Failed;
  }
}
