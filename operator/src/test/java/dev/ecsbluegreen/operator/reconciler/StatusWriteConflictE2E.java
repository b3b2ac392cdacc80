package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.ActionResult;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.operator.fixtures.RealApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A release changes on the API server while a pass is between its read and its status write: the
 * test changes it through a client of its own while the simulator holds the pass's AWS call, so the
 * write meets a real 409. The pass's own record survives (the deployment it created, the promotion
 * it made), what arrived meanwhile is acted on by the next pass, and nothing is done twice.
 */
@OnRealApiServer
class StatusWriteConflictE2E {
  static final String LANE = "conflict";

  OperatorHarness harness;
  KubernetesClient other;

  @BeforeEach
  void start() {
    harness = new OperatorHarness(KubernetesUnderTest.realServer("conflict"), LANE);
    other = RealApiServer.get().newAdminClient();
  }

  @AfterEach
  void stop() {
    other.close();
    harness.close();
  }

  @Test
  void aNewGenerationDuringCreateDeploymentLeavesTheDeploymentRecordedAndIsDeployedNext() {
    harness.createGroup(LANE, 0);
    duringTheNext(
        "CreateDeployment",
        () ->
            releases()
                .edit(
                    r -> {
                      r.setSpec(release(LANE).canary(10, 30).image("example/web:3").spec());
                      return r;
                    }));

    harness.apply(release(LANE).canary(10, 30).build());
    var done =
        harness.awaitRelease(
            LANE, s -> s.observedGeneration() == 2 && s.phase() == Phase.Succeeded);

    var first = done.history().get(1);
    assertThat(first.generation()).isEqualTo(1L);
    assertThat(first.message()).contains("Superseded by generation 2");
    assertThat(harness.deployments(LANE))
        .as("one deployment per generation: the first recorded, never created again")
        .hasSize(2)
        .anySatisfy(d -> assertThat(d.deploymentId()).isEqualTo(first.deploymentId()))
        .anySatisfy(d -> assertThat(d.deploymentId()).isEqualTo(done.deploymentId()));
  }

  @Test
  void aRequestAnsweredElsewhereDuringThePassStaysAnsweredAndNeverFiresLater() {
    harness.createGroup(harness.groupShape(LANE, 0, "STOP_DEPLOYMENT", 600));
    harness.apply(release(LANE).manualPromotion().build());
    harness.awaitPhase(LANE, Phase.AwaitingPromotion);
    String ignoredAt = "2025-01-01T00:00:00Z";
    // While this pass promotes, a rollback request arrives and is answered as not applying by the
    // status's other writer (a replica that took over, or an earlier write of this operator whose
    // answer was lost).
    duringTheNext(
        "ContinueDeployment",
        () -> {
          releases()
              .edit(
                  r -> {
                    r.getMetadata().getAnnotations().put(Actions.ROLLBACK, "r-1");
                    return r;
                  });
          releases()
              .subresource("status")
              .patch(
                  PatchContext.of(PatchType.JSON_MERGE),
                  """
                  {"status": {"actions": {"rollback": {
                    "handled": "r-1", "at": "%s", "result": "Ignored",
                    "message": "nothing to roll back"}}}}"""
                      .formatted(ignoredAt));
        });

    harness.annotate(LANE, Actions.PROMOTE, "p-1");
    var done = harness.awaitPhase(LANE, Phase.Succeeded);

    assertThat(done.actions().promote().handled()).isEqualTo("p-1");
    assertThat(done.actions().promote().result()).isEqualTo(ActionResult.Applied);
    assertThat(done.actions().rollback().handled()).isEqualTo("r-1");
    assertThat(done.actions().rollback().at()).isEqualTo(ignoredAt);
    assertThat(harness.sim.callLog().count("ContinueDeployment")).isEqualTo(1);
    assertThat(harness.sim.callLog().count("StopDeployment")).isZero();
    assertThat(harness.deployments(LANE)).hasSize(1);
  }

  private io.fabric8.kubernetes.client.dsl.Resource<EcsBlueGreenRelease> releases() {
    return other
        .resources(EcsBlueGreenRelease.class)
        .inNamespace(harness.get(LANE).getMetadata().getNamespace())
        .withName(LANE);
  }

  /**
   * Runs {@code change} once, when the operator's next successful {@code operation} has been
   * applied and before its answer leaves the simulator: the pass that made it has read the release
   * and not yet written its status.
   */
  private void duringTheNext(String operation, Runnable change) {
    var done = new AtomicBoolean();
    harness
        .sim
        .callLog()
        .onCall(
            call -> {
              if (call.operation().equals(operation)
                  && call.isOk()
                  && done.compareAndSet(false, true)) {
                change.run();
              }
            });
  }
}
