package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;

/** {@link ReleaseLifecycleIT}'s scenarios on a real kube-apiserver. */
@OnRealApiServer
class ReleaseLifecycleE2E extends ReleaseLifecycleIT {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("lifecycle");
  }
}
