package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import org.junit.jupiter.api.Test;

/** {@link ShiftingCheckIT}'s mid-canary rollback on a real kube-apiserver. */
@OnRealApiServer
class ShiftingCheckE2E extends HarnessScenarios {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("shifting-check");
  }

  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return OperatorHarness.withDataPlane(kubernetes, ShiftingCheckIT.BAD);
  }

  @Test
  void greenWhoseErrorRatioRisesIsRolledBackMidCanary() {
    ShiftingCheckIT.rollsBackMidCanaryOnTheErrorRatio(harness);
  }
}
