package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;

/** {@link ReleaseMisconfigurationIT}'s scenarios on a real kube-apiserver. */
@OnRealApiServer
class ReleaseMisconfigurationE2E extends ReleaseMisconfigurationIT {
  @Override
  KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("misconfig");
  }
}
