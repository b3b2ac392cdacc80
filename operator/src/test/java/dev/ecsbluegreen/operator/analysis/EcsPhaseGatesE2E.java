package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;

/**
 * {@link EcsPhaseGatesIT}'s scenarios on a real kube-apiserver, whose admission rules accept each
 * of them (canary for the ShiftingTraffic checks, a bake time for the Baking ones).
 */
@OnRealApiServer
class EcsPhaseGatesE2E extends EcsPhaseGatesIT {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("ecsphasegates");
  }
}
