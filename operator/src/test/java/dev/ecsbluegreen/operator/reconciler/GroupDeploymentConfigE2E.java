package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;

/** {@link GroupDeploymentConfigIT}'s scenarios on a real kube-apiserver. */
@OnRealApiServer
class GroupDeploymentConfigE2E extends GroupDeploymentConfigIT {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("groupconfig");
  }
}
