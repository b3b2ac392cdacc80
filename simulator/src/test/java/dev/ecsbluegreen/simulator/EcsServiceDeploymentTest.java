package dev.ecsbluegreen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.simulator.world.World;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentLifecycleStage;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;

/** ECS service deployments of an ECS-controller service, through the ECS client over HTTP. */
class EcsServiceDeploymentTest {

  private final EcsNativeFixture f = new EcsNativeFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void blueGreenRunsEveryStageInOrderToSuccessful() {
    String arn = f.deploy(c -> c.strategy(DeploymentStrategy.BLUE_GREEN).bakeTimeInMinutes(5));

    var stages = f.watch(arn, Duration.ofSeconds(1), 400);

    // Stages without hooks and without work of their own (RECONCILE_SERVICE, PRE_SCALE_UP, ...)
    // pass in no simulated time, so only the ones that take time are seen.
    assertThat(stages)
        .containsExactly(
            "PENDING/null/0.0",
            "IN_PROGRESS/SCALE_UP/0.0",
            "IN_PROGRESS/TEST_TRAFFIC_SHIFT/0.0",
            "IN_PROGRESS/PRODUCTION_TRAFFIC_SHIFT/0.0",
            "IN_PROGRESS/BAKE_TIME/100.0",
            "IN_PROGRESS/CLEAN_UP/100.0",
            "SUCCESSFUL/CLEAN_UP/100.0");
    var done = f.deployment(arn);
    assertThat(done.status()).isEqualTo(ServiceDeploymentStatus.SUCCESSFUL);
    // Tasks start in 30 s, each listener change takes 5 s, then 5 minutes of bake time.
    assertThat(Duration.between(done.startedAt(), done.finishedAt()))
        .isEqualTo(Duration.ofSeconds(30 + 5 + 5 + 300 + 5));
    assertThat(arn).startsWith("arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/shop/");
    assertThat(done.targetServiceRevision().arn())
        .isEqualTo("arn:aws:ecs:us-east-1:123456789012:service-revision/prod/shop/2");
    assertThat(done.sourceServiceRevisions())
        .extracting(r -> r.arn())
        .containsExactly("arn:aws:ecs:us-east-1:123456789012:service-revision/prod/shop/1");
    var service = f.service();
    assertThat(service.currentServiceDeployment()).isEqualTo(arn);
    assertThat(service.taskDefinition()).endsWith("task-definition/shop:2");
    assertThat(service.currentServiceRevisions())
        .extracting(r -> r.arn())
        .containsExactly(done.targetServiceRevision().arn());
  }

  @Test
  void linearShiftsProductionInStepsWithTheListenerFollowing() throws Exception {
    String arn =
        f.deploy(
            c ->
                c.strategy(DeploymentStrategy.LINEAR)
                    .bakeTimeInMinutes(0)
                    .linearConfiguration(l -> l.stepPercent(25.0).stepBakeTimeInMinutes(2)));
    f.clock.advance(Duration.ofSeconds(1 + 30 + 5 + 5));

    assertThat(f.deployment(arn).lifecycleStage())
        .isEqualTo(ServiceDeploymentLifecycleStage.PRODUCTION_TRAFFIC_SHIFT);
    var weights = new ArrayList<Double>();
    var shares = new ArrayList<Integer>();
    for (int step = 0; step < 4; step++) {
      weights.add(f.deployment(arn).targetServiceRevision().requestedProductionTrafficWeight());
      shares.add(f.answersFromRevision2(World.ListenerKind.PRODUCTION, 100));
      f.clock.advance(Duration.ofMinutes(2));
    }

    assertThat(weights).containsExactly(25.0, 50.0, 75.0, 100.0);
    assertThat(shares).containsExactly(25, 50, 75, 100);
    assertThat(f.deployment(arn).sourceServiceRevisions().get(0).requestedProductionTrafficWeight())
        .isZero();
    f.clock.advance(Duration.ofSeconds(5));
    assertThat(f.deployment(arn).status()).isEqualTo(ServiceDeploymentStatus.SUCCESSFUL);
  }

  @Test
  void canaryShiftsTheCanaryPercentThenTheRestAfterTheCanaryBake() throws Exception {
    String arn =
        f.deploy(
            c ->
                c.strategy(DeploymentStrategy.CANARY)
                    .bakeTimeInMinutes(10)
                    .canaryConfiguration(k -> k.canaryPercent(10.0).canaryBakeTimeInMinutes(3)));
    f.clock.advance(Duration.ofSeconds(1 + 30 + 5 + 5));

    assertThat(f.deployment(arn).targetServiceRevision().requestedProductionTrafficWeight())
        .isEqualTo(10.0);
    assertThat(f.answersFromRevision2(World.ListenerKind.PRODUCTION, 100)).isEqualTo(10);
    f.clock.advance(Duration.ofMinutes(3).minusSeconds(1));
    assertThat(f.deployment(arn).targetServiceRevision().requestedProductionTrafficWeight())
        .isEqualTo(10.0);
    f.clock.advance(Duration.ofSeconds(1));
    var baking = f.deployment(arn);
    assertThat(baking.targetServiceRevision().requestedProductionTrafficWeight()).isEqualTo(100.0);
    assertThat(baking.lifecycleStage()).isEqualTo(ServiceDeploymentLifecycleStage.BAKE_TIME);
    assertThat(f.answersFromRevision2(World.ListenerKind.PRODUCTION, 100)).isEqualTo(100);
    // Both revisions keep their tasks while the bake time runs.
    assertThat(f.service().currentServiceRevisions()).hasSize(2);
  }

  @Test
  void theTestListenerServesTheTargetRevisionFromTestTrafficShiftOn() throws Exception {
    f.deploy(c -> c.strategy(DeploymentStrategy.BLUE_GREEN).bakeTimeInMinutes(0));
    f.clock.advance(Duration.ofSeconds(1 + 30));
    assertThat(f.answersFromRevision2(World.ListenerKind.TEST, 10)).isZero();

    f.clock.advance(Duration.ofSeconds(5));

    assertThat(f.answersFromRevision2(World.ListenerKind.TEST, 10)).isEqualTo(10);
    assertThat(f.answersFromRevision2(World.ListenerKind.PRODUCTION, 10)).isZero();
  }
}
