package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;

/** {@link EcsPhaseSequenceIT}'s scenarios on a real kube-apiserver, watched as kubectl -w would. */
@OnRealApiServer
class EcsPhaseSequenceE2E extends EcsPhaseSequenceIT {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("ecsphases");
  }
}
