package dev.ecsbluegreen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;
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
}
