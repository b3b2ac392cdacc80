package dev.ecsbluegreen.operator.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.fixtures.Releases;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The --keep-running hint names a release this run applied, never one it did not. */
class NextStepTest {
  @Test
  void suggestsRetryingTheReleaseThatRolledBack() {
    var releases =
        List.of(
            release("checkout-api", "payments", "Succeeded"), release("web", "shop", "RolledBack"));

    assertThat(EmbeddedDemo.nextStep(releases))
        .isEqualTo(
            "kubectl annotate --overwrite release web -n shop"
                + " ecs.bluegreen.dev/retry=\"$(date -u +%FT%TZ)\"");
  }

  @Test
  void describesTheFirstReleaseWhenNoneCanBeRetried() {
    var releases = List.of(release("orders-api", "orders", "Succeeded"));

    assertThat(EmbeddedDemo.nextStep(releases))
        .isEqualTo("kubectl describe release orders-api -n orders");
  }

  private static EcsBlueGreenRelease release(String name, String namespace, String phase) {
    var release = Releases.release(name).namespace(namespace).build();
    release.setStatus(
        Serialization.jsonMapper()
            .convertValue(Map.of("phase", phase), EcsBlueGreenReleaseStatus.class));
    return release;
  }
}
