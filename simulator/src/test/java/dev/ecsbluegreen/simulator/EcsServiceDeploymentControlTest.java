package dev.ecsbluegreen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsbluegreen.simulator.world.EcsDeploymentEvents;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ConflictException;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentNotFoundException;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentRollbackMonitorsStatus;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentStopType;

/** Stopping, alarms, a second UpdateService, events, faults and the call log. */
class EcsServiceDeploymentControlTest {

  private final EcsNativeFixture f = new EcsNativeFixture();

  @AfterEach
  void close() {
    f.close();
  }

  private String deployBlueGreen(int bakeMinutes) {
    return f.deploy(c -> c.strategy(DeploymentStrategy.BLUE_GREEN).bakeTimeInMinutes(bakeMinutes));
  }

  @Test
  void stopWithRollbackSendsTrafficBackAndEndsRolledBack() {
    String arn = deployBlueGreen(30);
    f.clock.advance(Duration.ofMinutes(5));
    assertThat(f.deployment(arn).targetServiceRevision().requestedProductionTrafficWeight())
        .isEqualTo(100.0);

    f.ecs.stopServiceDeployment(
        b -> b.serviceDeploymentArn(arn).stopType(StopServiceDeploymentStopType.ROLLBACK));
    var requested = f.deployment(arn);
    f.clock.advance(Duration.ofSeconds(1));
    var inProgress = f.deployment(arn);
    f.clock.advance(Duration.ofSeconds(10));
    var done = f.deployment(arn);

    assertThat(requested.status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_REQUESTED);
    assertThat(requested.rollback().reason()).contains("StopServiceDeployment");
    assertThat(inProgress.status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_IN_PROGRESS);
    assertThat(inProgress.targetServiceRevision().requestedProductionTrafficWeight()).isZero();
    assertThat(inProgress.sourceServiceRevisions().get(0).requestedProductionTrafficWeight())
        .isEqualTo(100.0);
    assertThat(done.status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
    assertThat(f.service().currentServiceRevisions())
        .extracting(r -> r.arn())
        .containsExactly(done.sourceServiceRevisions().get(0).arn());
  }

  @Test
  void stoppingAFinishedDeploymentIsAConflictAndAnUnknownOneIsNotFound() {
    String arn = deployBlueGreen(0);
    f.clock.advance(Duration.ofMinutes(2));

    assertThatThrownBy(() -> f.ecs.stopServiceDeployment(b -> b.serviceDeploymentArn(arn)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("is SUCCESSFUL and cannot be stopped");
    assertThatThrownBy(() -> f.ecs.stopServiceDeployment(b -> b.serviceDeploymentArn(arn + "nope")))
        .isInstanceOf(ServiceDeploymentNotFoundException.class);
  }

  @Test
  void anAlarmWithRollbackRollsTheDeploymentBackDuringTheBake() {
    String arn =
        f.deploy(
            c ->
                c.strategy(DeploymentStrategy.BLUE_GREEN)
                    .bakeTimeInMinutes(20)
                    .alarms(a -> a.alarmNames("shop-5xx").enable(true).rollback(true)));
    f.clock.advance(Duration.ofMinutes(2));
    assertThat(f.deployment(arn).alarms().status())
        .isEqualTo(ServiceDeploymentRollbackMonitorsStatus.MONITORING);

    f.sim.faults().alarmAt("shop-5xx", f.clock.now().plus(Duration.ofMinutes(3)));
    f.clock.advance(Duration.ofMinutes(3));

    var rolledBack = f.deployment(arn);
    assertThat(rolledBack.status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_REQUESTED);
    assertThat(rolledBack.rollback().startedAt()).isEqualTo(f.clock.now());
    assertThat(rolledBack.alarms().status())
        .isEqualTo(ServiceDeploymentRollbackMonitorsStatus.TRIGGERED);
    assertThat(rolledBack.alarms().triggeredAlarmNames()).containsExactly("shop-5xx");
    assertThat(rolledBack.statusReason()).contains("shop-5xx");
  }

  @Test
  void anAlarmWithoutRollbackIsReportedAndTheDeploymentGoesOn() {
    String arn =
        f.deploy(
            c ->
                c.strategy(DeploymentStrategy.BLUE_GREEN)
                    .bakeTimeInMinutes(5)
                    .alarms(a -> a.alarmNames("shop-5xx").enable(true).rollback(false)));
    f.sim.faults().alarmNow("shop-5xx");
    f.clock.advance(Duration.ofMinutes(10));

    var done = f.deployment(arn);
    assertThat(done.status()).isEqualTo(ServiceDeploymentStatus.SUCCESSFUL);
    assertThat(done.alarms().triggeredAlarmNames()).containsExactly("shop-5xx");
  }

  @Test
  void aSecondUpdateServiceStopsTheDeploymentUnderWayAndStartsFromTheServingRevision() {
    String first = deployBlueGreen(30);
    f.clock.advance(Duration.ofMinutes(2));

    String second =
        f.ecs
            .updateService(
                b ->
                    b.cluster("prod")
                        .service("shop")
                        .taskDefinition("shop:1")
                        .forceNewDeployment(true))
            .service()
            .currentServiceDeployment();

    var stopped = f.deployment(first);
    assertThat(second).isNotEqualTo(first);
    assertThat(stopped.status()).isEqualTo(ServiceDeploymentStatus.STOPPED);
    assertThat(stopped.statusReason()).contains(second);
    assertThat(stopped.stoppedAt()).isEqualTo(f.clock.now());
    var next = f.deployment(second);
    assertThat(next.sourceServiceRevisions())
        .extracting(r -> r.arn())
        .containsExactly(stopped.sourceServiceRevisions().get(0).arn());
    assertThat(next.targetServiceRevision().arn()).endsWith("service-revision/prod/shop/3");
    f.clock.advance(Duration.ofMinutes(35));
    assertThat(f.deployment(second).status()).isEqualTo(ServiceDeploymentStatus.SUCCESSFUL);
    assertThat(f.service().taskDefinition()).endsWith("shop:1");
  }

  @Test
  void aRetriedUpdateServiceWhoseAnswerWasLostStartsNoSecondDeployment() {
    String initial = f.service().currentServiceDeployment();
    f.sim.faults().applyThenDropNext("UpdateService", 1);

    String arn = deployBlueGreen(0);

    assertThat(f.sim.callLog().count("UpdateService")).isEqualTo(2);
    assertThat(
            f.ecs
                .listServiceDeployments(b -> b.cluster("prod").service("shop"))
                .serviceDeployments())
        .extracting(d -> d.serviceDeploymentArn() + " " + d.statusAsString())
        .containsExactly(arn + " PENDING", initial + " SUCCESSFUL");
  }

  @Test
  void whileADeploymentRollsBackTheServiceAsksForTheSourceRevision() {
    String arn = deployBlueGreen(30);
    f.clock.advance(Duration.ofMinutes(2));
    f.ecs.stopServiceDeployment(b -> b.serviceDeploymentArn(arn));

    assertThat(f.service().taskDefinition()).endsWith("shop:1");
    String again = deployBlueGreen(0);
    assertThat(again).isNotEqualTo(arn);
  }

  @Test
  void anUpdateWithNothingToDeployStartsNoDeployment() {
    String initial = f.service().currentServiceDeployment();

    var after =
        f.ecs
            .updateService(
                b ->
                    b.cluster("prod")
                        .service("shop")
                        .taskDefinition("shop:1")
                        .deploymentConfiguration(c -> c.strategy(DeploymentStrategy.CANARY)))
            .service();

    assertThat(after.currentServiceDeployment()).isEqualTo(initial);
    assertThat(after.deploymentConfiguration().strategy()).isEqualTo(DeploymentStrategy.CANARY);
  }

  @Test
  void eachStateChangeSendsAnEcsDeploymentStateChangeEvent() {
    var delivered = new java.util.ArrayList<EcsDeploymentEvents.Event>();
    f.sim.ecsDeploymentEvents().onEvent(delivered::add);
    String ok = deployBlueGreen(0);
    f.clock.advance(Duration.ofMinutes(2));
    String stopped =
        f.deploy("shop:1", c -> c.strategy(DeploymentStrategy.BLUE_GREEN).bakeTimeInMinutes(10));
    f.clock.advance(Duration.ofMinutes(2));
    f.ecs.stopServiceDeployment(b -> b.serviceDeploymentArn(stopped));
    f.clock.advance(Duration.ofMinutes(1));

    List<String> names = delivered.stream().map(e -> e.eventType() + " " + e.eventName()).toList();
    assertThat(names)
        .containsExactly(
            "INFO SERVICE_DEPLOYMENT_IN_PROGRESS",
            "INFO SERVICE_DEPLOYMENT_COMPLETED",
            "INFO SERVICE_DEPLOYMENT_IN_PROGRESS",
            "ERROR SERVICE_DEPLOYMENT_FAILED",
            "INFO SERVICE_DEPLOYMENT_IN_PROGRESS",
            "INFO SERVICE_DEPLOYMENT_COMPLETED");
    assertThat(delivered.get(3).reason()).contains("StopServiceDeployment");
    assertThat(delivered.get(5).reason()).contains("rolled back");
    var envelope = delivered.get(1).toEventBridge();
    assertThat(envelope.path("source").asText()).isEqualTo("aws.ecs");
    assertThat(envelope.path("detail-type").asText()).isEqualTo("ECS Deployment State Change");
    assertThat(envelope.path("resources").get(0).asText()).isEqualTo(f.service().serviceArn());
    assertThat(envelope.path("detail").path("deploymentId").asText()).startsWith("ecs-svc/");
    assertThat(envelope.path("detail").path("updatedAt").asText())
        .isEqualTo(f.deployment(ok).finishedAt().toString());
    assertThat(f.sim.ecsDeploymentEvents().all()).hasSize(6);
  }

  @Test
  void theNewOperationsAreLoggedAndTakeFaultsLikeTheOthers() {
    String arn = deployBlueGreen(0);
    f.sim.faults().throttleNext("DescribeServiceDeployments", 2);
    f.sim
        .faults()
        .serverErrorNext(
            "ListServiceDeployments",
            1,
            dev.ecsbluegreen.simulator.http.Faults.ServerError.SERVICE_UNAVAILABLE);

    assertThat(f.deployment(arn).serviceDeploymentArn()).isEqualTo(arn);
    assertThat(
            f.ecs
                .listServiceDeployments(b -> b.cluster("prod").service("shop"))
                .serviceDeployments())
        .hasSize(2);

    assertThat(f.sim.callLog().count("DescribeServiceDeployments")).isEqualTo(3);
    assertThat(f.sim.callLog().countOk("DescribeServiceDeployments")).isEqualTo(1);
    assertThat(f.sim.callLog().count("ListServiceDeployments")).isEqualTo(2);
    assertThat(f.sim.calls())
        .filteredOn(c -> c.operation().equals("UpdateService"))
        .extracting(c -> c.service())
        .containsExactly("ecs");
  }
}
