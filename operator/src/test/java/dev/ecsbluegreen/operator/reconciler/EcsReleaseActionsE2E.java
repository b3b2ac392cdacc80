package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;

/** {@link EcsReleaseActionsIT}'s scenarios on a real kube-apiserver. */
@OnRealApiServer
class EcsReleaseActionsE2E extends EcsReleaseActionsIT {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("ecsactions");
  }
}
