package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;

/** {@link EcsListenerCheckIT}'s scenarios on a real kube-apiserver. */
@OnRealApiServer
class EcsListenerCheckE2E extends EcsListenerCheckIT {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("ecs-listener");
  }
}
