package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;

/** {@link AwsCallsPerReleaseIT}'s pinned call counts on a real kube-apiserver. */
@OnRealApiServer
class AwsCallsPerReleaseE2E extends AwsCallsPerReleaseIT {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("calls");
  }
}
