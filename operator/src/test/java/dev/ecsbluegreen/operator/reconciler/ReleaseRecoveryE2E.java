package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;

/** {@link ReleaseRecoveryIT}'s scenarios on a real kube-apiserver. */
@OnRealApiServer
class ReleaseRecoveryE2E extends ReleaseRecoveryIT {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("recovery");
  }
}
