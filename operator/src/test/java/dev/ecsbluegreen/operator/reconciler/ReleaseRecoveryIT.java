package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Crashes and restarts in every phase and lost AWS answers: each release still ends correctly with
 * exactly one task definition revision and one deployment per generation. The SDK makes one attempt
 * per call here, so every dropped answer reaches the reconciler.
 */
class ReleaseRecoveryIT extends HarnessScenarios {
  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return new OperatorHarness(
        kubernetes, 1, "dropreg", "dropcreate", "rdeploying", "rshifting", "rbaking", "rpromote");
  }

  @AfterEach
  void clearFaults() {
    harness.sim.faults().clear();
  }

  @Test
  void lostRegisterAnswerRegistersOneRevisionOnly() {
    harness.createGroup("dropreg", 0);
    harness.sim.faults().applyThenDropNext("RegisterTaskDefinition", 1);

    harness.apply(release("dropreg").build());
    harness.awaitPhase("dropreg", Phase.Succeeded);

    assertThat(harness.revisions("dropreg")).hasSize(2);
    assertThat(harness.deployments("dropreg")).hasSize(1);
  }

  @Test
  void lostCreateAnswerAdoptsTheDeploymentInsteadOfCreatingAnother() {
    harness.createGroup("dropcreate", 0);
    harness.sim.faults().applyThenDropNext("CreateDeployment", 1);

    harness.apply(release("dropcreate").build());
    // Simulated time stands still until the retried pass has found the deployment.
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                harness.status("dropcreate") != null
                    && harness.status("dropcreate").deploymentId() != null);
    String adopted = harness.status("dropcreate").deploymentId();
    var status = harness.awaitPhase("dropcreate", Phase.Succeeded);

    assertThat(harness.deployments("dropcreate")).hasSize(1);
    assertThat(adopted).isEqualTo(harness.deployments("dropcreate").get(0).deploymentId());
    assertThat(status.deploymentId()).isEqualTo(adopted);
  }

  @Test
  void restartAfterTheDeploymentWasRecordedResumesIt() {
    harness.createGroup("rdeploying", 0);
    restartWhen("rdeploying", release("rdeploying").build(), s -> s.deploymentId() != null);
    assertOneDeploymentCompleted("rdeploying");
  }

  @Test
  void restartWhileShiftingTrafficResumesIt() {
    harness.createGroup("rshifting", 0);
    restartWhen(
        "rshifting",
        release("rshifting").canary(10, 30).build(),
        s -> s.phase() == Phase.ShiftingTraffic);
    assertOneDeploymentCompleted("rshifting");
  }

  @Test
  void restartWhileBakingResumesIt() {
    harness.createGroup("rbaking", 30);
    restartWhen("rbaking", release("rbaking").build(), s -> s.phase() == Phase.Baking);
    assertOneDeploymentCompleted("rbaking");
  }

  @Test
  void restartWhileAwaitingPromotionKeepsWaitingForIt() {
    harness.createGroup(harness.groupShape("rpromote", 0, "STOP_DEPLOYMENT", 600));
    restartWhen(
        "rpromote",
        release("rpromote").manualPromotion().build(),
        s -> s.phase() == Phase.AwaitingPromotion);
    harness.awaitPhase("rpromote", Phase.AwaitingPromotion);
    harness.annotate("rpromote", Actions.PROMOTE);
    assertOneDeploymentCompleted("rpromote");
  }

  private void restartWhen(
      String name,
      dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease release,
      Predicate<EcsBlueGreenReleaseStatus> when) {
    harness.apply(release);
    harness.awaitRelease(name, when);
    harness.stopOperator();
    harness.clock.advance(Duration.ofMinutes(1));
    harness.startOperator();
  }

  private void assertOneDeploymentCompleted(String lane) {
    var status = harness.awaitPhase(lane, Phase.Succeeded);
    assertThat(harness.deployments(lane)).hasSize(1);
    assertThat(harness.revisions(lane)).hasSize(2);
    assertThat(status.history()).hasSize(1);
    assertThat(harness.runningTaskDefinition(lane)).endsWith(lane + ":2");
  }
}
