package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static dev.ecsbluegreen.operator.reconciler.ReleaseLifecycleIT.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.api.v1alpha1.DeletionPolicy;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.ManagedDeploymentGroup;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.Lanes;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.operator.fixtures.Releases;
import dev.ecsbluegreen.simulator.world.World;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Changes to a release while it runs: a new generation, deletion, and the managed group's shape.
 */
class ReleaseChangesIT extends HarnessScenarios {
  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return new OperatorHarness(kubernetes, "respec", "stopdel", "orphan", "managed", "reapply");
  }

  @Test
  void newGenerationMidShiftRollsBackThenDeploysIt() {
    harness.createGroup("respec", 0);
    harness.apply(release("respec").canary(10, 30).image("example/web:2").build());
    var shifting =
        harness.awaitRelease(
            "respec", s -> s.phase() == Phase.ShiftingTraffic && s.traffic().green() == 10);
    String first = shifting.deploymentId();

    harness.update(
        "respec", spec -> release("respec").canary(10, 30).image("example/web:3").spec());
    var done =
        harness.awaitRelease(
            "respec", s -> s.observedGeneration() == 2 && s.phase() == Phase.Succeeded);

    assertThat(done.deploymentId()).isNotEqualTo(first);
    assertThat(done.releaseGeneration()).isEqualTo(2L);
    assertThat(done.history()).extracting(h -> h.generation()).containsExactly(2L, 1L);
    assertThat(done.history().get(1).outcome()).isEqualTo(Phase.RolledBack);
    assertThat(done.history().get(1).message()).contains("Superseded by generation 2");
    assertThat(harness.deployments("respec")).hasSize(2);
    assertThat(harness.revisions("respec")).hasSize(3);
    assertThat(harness.runningTaskDefinition("respec")).endsWith("respec:3");
  }

  @Test
  void newGenerationWithTheSameTaskDefinitionDeploysNothing() {
    harness.createGroup("reapply", 0);
    harness.apply(release("reapply").build());
    harness.awaitPhase("reapply", Phase.Succeeded);

    harness.update(
        "reapply", spec -> release("reapply").deletionPolicy(DeletionPolicy.Orphan).spec());
    var status =
        harness.awaitRelease(
            "reapply", s -> s.observedGeneration() == 2 && s.phase() == Phase.Succeeded);

    assertThat(status.message()).contains("Nothing changed").contains("reapply:2");
    assertThat(condition(status, "Ready")).isEqualTo("True");
    assertThat(harness.deployments("reapply")).hasSize(1);
    assertThat(harness.revisions("reapply")).hasSize(2);
  }

  @Test
  void deletingWithStopDeploymentRollsBackBeforeTheResourceGoes() {
    harness.createGroup("stopdel", 0);
    harness.apply(release("stopdel").canary(10, 30).build());
    var shifting = harness.awaitRelease("stopdel", s -> s.phase() == Phase.ShiftingTraffic);

    harness.delete("stopdel");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              harness.clock.advance(Duration.ofSeconds(20));
              return harness.get("stopdel") == null;
            });

    var deployment = harness.deployments("stopdel").get(0);
    assertThat(deployment.deploymentId()).isEqualTo(shifting.deploymentId());
    assertThat(deployment.statusAsString()).isEqualTo("Stopped");
    assertThat(harness.runningTaskDefinition("stopdel")).endsWith("stopdel:1");
  }

  @Test
  void deletingWithOrphanLeavesTheDeploymentRunning() {
    harness.createGroup("orphan", 0);
    harness.apply(release("orphan").canary(10, 30).deletionPolicy(DeletionPolicy.Orphan).build());
    harness.awaitRelease("orphan", s -> s.phase() == Phase.ShiftingTraffic);

    harness.delete("orphan");
    await().atMost(Duration.ofSeconds(10)).until(() -> harness.get("orphan") == null);

    assertThat(harness.deployments("orphan").get(0).statusAsString()).isEqualTo("InProgress");
  }

  @Test
  void managedModeCreatesTheGroupAndUpdatesItOnASpecChange() {
    harness.apply(managed(15).build());
    harness.awaitPhase("managed", Phase.Baking);

    var group = group();
    assertThat(
            group
                .blueGreenDeploymentConfiguration()
                .terminateBlueInstancesOnDeploymentSuccess()
                .terminationWaitTimeInMinutes())
        .isEqualTo(15);
    assertThat(group.alarmConfiguration().alarms())
        .extracting(a -> a.name())
        .containsExactly("managed-5xx");
    harness.awaitPhase("managed", Phase.Succeeded);

    harness.update("managed", spec -> managed(5).image("example/web:3").spec());
    var done =
        harness.awaitRelease(
            "managed", s -> s.observedGeneration() == 2 && s.phase() == Phase.Succeeded);

    assertThat(condition(done, "Ready")).isEqualTo("True");
    assertThat(
            group()
                .blueGreenDeploymentConfiguration()
                .terminateBlueInstancesOnDeploymentSuccess()
                .terminationWaitTimeInMinutes())
        .isEqualTo(5);
    assertThat(harness.deployments("managed")).hasSize(2);
  }

  private Releases managed(int terminationWaitMinutes) {
    return release("managed")
        .managed(
            new ManagedDeploymentGroup(
                Lanes.SERVICE_ROLE,
                List.of("managed-blue", "managed-green"),
                List.of(harness.sim.listenerArn("managed-lb", World.ListenerKind.PRODUCTION)),
                List.of(harness.sim.listenerArn("managed-lb", World.ListenerKind.TEST)),
                terminationWaitMinutes,
                null,
                List.of(
                    ManagedDeploymentGroup.AutoRollbackEvent.DEPLOYMENT_FAILURE,
                    ManagedDeploymentGroup.AutoRollbackEvent.DEPLOYMENT_STOP_ON_ALARM),
                List.of("managed-5xx"),
                List.of(
                    new ManagedDeploymentGroup.TriggerConfig(
                        "managed-deployments",
                        "arn:aws:sns:us-east-1:123456789012:managed-deployments",
                        List.of(
                            ManagedDeploymentGroup.TriggerEvent.DeploymentFailure,
                            ManagedDeploymentGroup.TriggerEvent.DeploymentSuccess)))));
  }

  private software.amazon.awssdk.services.codedeploy.model.DeploymentGroupInfo group() {
    return harness
        .codeDeploy
        .getDeploymentGroup(b -> b.applicationName("managed-app").deploymentGroupName("managed-dg"))
        .deploymentGroupInfo();
  }
}
