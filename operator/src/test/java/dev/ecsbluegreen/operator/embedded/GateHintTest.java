package dev.ecsbluegreen.operator.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.simulator.world.WorldLoader;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateHintTest {
  private final List<String> said = new ArrayList<>();
  private final GateHint hint =
      new GateHint(
          said::add,
          WorldLoader.read(GateHintTest.class.getResourceAsStream("/embedded/world.yaml"), "world"),
          1500);

  @Test
  void tellsOncePerDeploymentHowToPromoteAndHowLongTheGateHolds() {
    var waiting = release("orders-api-inline.yaml", Phase.AwaitingPromotion, "d-1");

    hint.observe(List.of(waiting));
    hint.observe(List.of(waiting));
    hint.observe(List.of(release("orders-api-inline.yaml", Phase.AwaitingPromotion, "d-2")));

    assertThat(said)
        .containsExactly(
            "orders/orders-api waits at its gate for up to 90 s (the group's ready wait of 60"
                + " simulated minutes), then CodeDeploy stops it. To promote: kubectl annotate"
                + " --overwrite release orders-api -n orders ecs.bluegreen.dev/promote=\"$(date -u"
                + " +%FT%TZ)\"",
            "orders/orders-api waits at its gate for up to 90 s (the group's ready wait of 60"
                + " simulated minutes), then CodeDeploy stops it. To promote: kubectl annotate"
                + " --overwrite release orders-api -n orders ecs.bluegreen.dev/promote=\"$(date -u"
                + " +%FT%TZ)\"");
  }

  @Test
  void leavesOutTheWaitOfAGroupTheWorldDoesNotDeclare() {
    hint.observe(List.of(release("payments-worker-managed.yaml", Phase.AwaitingPromotion, "d-3")));

    assertThat(said)
        .containsExactly(
            "payments/payments-worker waits at its gate. To promote: kubectl annotate --overwrite"
                + " release payments-worker -n payments"
                + " ecs.bluegreen.dev/promote=\"$(date -u +%FT%TZ)\"");
  }

  @Test
  void saysNothingOfAReleaseNotAtItsGate() {
    hint.observe(List.of(release("orders-api-inline.yaml", Phase.ShiftingTraffic, "d-1")));

    assertThat(said).isEmpty();
  }

  private static EcsBlueGreenRelease release(String example, Phase phase, String deploymentId) {
    var release =
        ReleaseManifests.read(List.of(Path.of("..", "examples", example))).get(0).release();
    release.setStatus(
        Serialization.jsonMapper()
            .convertValue(
                Map.of("phase", phase.name(), "deploymentId", deploymentId),
                EcsBlueGreenReleaseStatus.class));
    return release;
  }
}
