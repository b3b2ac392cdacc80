package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;

/** {@link BakingGateIT}'s scenarios on a real kube-apiserver. */
@OnRealApiServer
class BakingGateE2E extends BakingGateIT {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("baking");
  }
}
