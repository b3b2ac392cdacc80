package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;

/** {@link AnalysisGateIT}'s scenarios on a real kube-apiserver. */
@OnRealApiServer
class AnalysisGateE2E extends AnalysisGateIT {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("analysis");
  }
}
