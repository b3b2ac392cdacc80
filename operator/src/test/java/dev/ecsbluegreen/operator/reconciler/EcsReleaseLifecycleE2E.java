package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;

/** {@link EcsReleaseLifecycleIT}'s scenarios on a real kube-apiserver. */
@OnRealApiServer
class EcsReleaseLifecycleE2E extends EcsReleaseLifecycleIT {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("ecslifecycle");
  }
}
