package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;

/** {@link EcsReleaseThrottlingIT}'s scenarios on a real kube-apiserver. */
@OnRealApiServer
class EcsReleaseThrottlingE2E extends EcsReleaseThrottlingIT {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("ecsthrottling");
  }
}
