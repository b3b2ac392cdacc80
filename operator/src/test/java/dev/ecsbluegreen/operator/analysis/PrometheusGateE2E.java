package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;

/** {@link PrometheusGateIT}'s scenarios on a real kube-apiserver, with a real Secret. */
@OnRealApiServer
class PrometheusGateE2E extends PrometheusGateIT {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("prometheus");
  }
}
