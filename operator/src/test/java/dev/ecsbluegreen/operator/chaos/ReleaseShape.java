package dev.ecsbluegreen.operator.chaos;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.fixtures.Releases;

/** The configurations a chaos run mixes, each with the phase it must end in. */
enum ReleaseShape {
  ALL_AT_ONCE(Phase.Succeeded),
  CANARY(Phase.Succeeded),
  LINEAR(Phase.Succeeded),
  /** Stops before production traffic; the run promotes it as a user would. */
  MANUAL_GATE(Phase.Succeeded),
  /** A passing hook after test traffic. */
  HOOKED(Phase.Succeeded),
  /** Bad on purpose: its hook fails and CodeDeploy rolls it back. */
  HOOK_FAILS(Phase.RolledBack),
  /** Bad on purpose: its hook fails and the release asks for no rollback. */
  HOOK_FAILS_WITHOUT_ROLLBACK(Phase.Failed);

  static final String PASSING_HOOK = "CodeDeployHook_ok";
  static final String FAILING_HOOK = "CodeDeployHook_fail";
  static final String LINEAR_CONFIG = "CodeDeployDefault.ECSLinear10PercentEvery1Minutes";
  static final String ALL_AT_ONCE_CONFIG = "CodeDeployDefault.ECSAllAtOnce";

  final Phase expected;

  ReleaseShape(Phase expected) {
    this.expected = expected;
  }

  /** Whether the group must stop before production traffic until promoted. */
  boolean gated() {
    return this == MANUAL_GATE;
  }

  /** The release's spec shaped this way; {@code canaryMinutes} times a canary's first step. */
  Releases shape(Releases release, int canaryPercent, int canaryMinutes) {
    return switch (this) {
      case ALL_AT_ONCE -> release.deploymentConfig(ALL_AT_ONCE_CONFIG);
      case CANARY -> release.canary(canaryPercent, canaryMinutes);
      case LINEAR -> release.deploymentConfig(LINEAR_CONFIG);
      case MANUAL_GATE -> release.manualPromotion().canary(canaryPercent, canaryMinutes);
      case HOOKED -> release.hook("afterAllowTestTraffic", PASSING_HOOK);
      case HOOK_FAILS -> release.hook("afterAllowTestTraffic", FAILING_HOOK);
      case HOOK_FAILS_WITHOUT_ROLLBACK ->
          release.hook("afterAllowTestTraffic", FAILING_HOOK).rollbackOnFailure(false);
    };
  }
}
