package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;

/** {@link EcsAnalysisGateIT}'s scenarios on a real kube-apiserver. */
@OnRealApiServer
class EcsAnalysisGateE2E extends EcsAnalysisGateIT {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("ecsanalysis");
  }
}
