package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;

/** {@link EcsCallsPerReleaseIT}'s pinned call counts on a real kube-apiserver. */
@OnRealApiServer
class EcsCallsPerReleaseE2E extends EcsCallsPerReleaseIT {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("ecscalls");
  }
}
