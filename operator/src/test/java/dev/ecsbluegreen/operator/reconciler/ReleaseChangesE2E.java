package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;

/** {@link ReleaseChangesIT}'s scenarios on a real kube-apiserver. */
@OnRealApiServer
class ReleaseChangesE2E extends ReleaseChangesIT {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("changes");
  }
}
