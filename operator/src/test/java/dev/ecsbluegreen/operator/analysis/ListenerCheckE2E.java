package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;

/** {@link ListenerCheckIT}'s scenarios on a real kube-apiserver. */
@OnRealApiServer
class ListenerCheckE2E extends ListenerCheckIT {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("listener");
  }
}
