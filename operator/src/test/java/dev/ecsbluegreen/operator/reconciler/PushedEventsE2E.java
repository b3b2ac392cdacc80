package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;

/** {@link PushedEventsIT}'s scenarios on a real kube-apiserver. */
@OnRealApiServer
class PushedEventsE2E extends PushedEventsIT {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("events");
  }
}
