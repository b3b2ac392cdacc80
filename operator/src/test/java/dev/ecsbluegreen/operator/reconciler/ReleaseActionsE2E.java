package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;

/** {@link ReleaseActionsIT}'s scenarios on a real kube-apiserver. */
@OnRealApiServer
class ReleaseActionsE2E extends ReleaseActionsIT {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("actions");
  }
}
