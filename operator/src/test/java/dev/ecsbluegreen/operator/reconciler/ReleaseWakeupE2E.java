package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;

/** {@link ReleaseWakeupIT}'s scenarios on a real kube-apiserver. */
@OnRealApiServer
class ReleaseWakeupE2E extends ReleaseWakeupIT {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("wakeup");
  }
}
