package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;

/**
 * {@link EcsReleaseRecoveryIT}'s restarts and lost answers on a real kube-apiserver, where the
 * restarted operator lists and watches releases through a real API.
 */
@OnRealApiServer
class EcsReleaseRecoveryE2E extends EcsReleaseRecoveryIT {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("ecsrecovery");
  }
}
