package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;

/** {@link PhaseSequenceIT}'s scenarios on a real kube-apiserver, watched as kubectl -w would. */
@OnRealApiServer
class PhaseSequenceE2E extends PhaseSequenceIT {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("phases");
  }
}
