package dev.ecsbluegreen.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

/** {@link ReleaseMisconfigurationIT}'s scenarios on a real kube-apiserver. */
@OnRealApiServer
class ReleaseMisconfigurationE2E extends ReleaseMisconfigurationIT {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("misconfig");
  }

  /** A real server never lets the duplicate reach the operator: admission refuses it. */
  @Override
  @Test
  void containerNamedTwiceStallsAsInvalidSpecBeforeAnythingIsRegistered() {
    assertThatThrownBy(() -> harness.apply(releaseNamingContainerTwice()))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining(
            "spec.taskDefinition.template: Invalid value: \"object\": each container name may"
                + " appear only once");
    assertThat(harness.revisions("twice")).hasSize(1);
  }
}
