package dev.ecsbluegreen.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsbluegreen.operator.api.v1alpha1.TrafficRouting;
import dev.ecsbluegreen.operator.api.v1alpha1.TrafficRouting.TrafficRoutingType;
import dev.ecsbluegreen.operator.errors.DeploymentGroupBusyException;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import dev.ecsbluegreen.simulator.world.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AwsCodeDeployGatewayIT {

  private final SimulatedAwsFixture f = new SimulatedAwsFixture();
  private final CodeDeployGateway codeDeploy = f.aws.codeDeploy();

  @AfterEach
  void close() {
    f.close();
  }

  private String newRevision() {
    var base = f.aws.ecs().describeTaskDefinition("web").registerForm().deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) base.get("containerDefinitions").get(0))
        .put("image", "example/web:2");
    return f.aws.ecs().registerTaskDefinition(base, Map.of());
  }

  private DeploymentRequest request(String config, String taskDefinitionArn, String description) {
    var appSpec =
        new AppSpec(
            """
            {"version":0.0,"Resources":[{"TargetService":{"Type":"AWS::ECS::Service",\
            "Properties":{"TaskDefinition":"%s","LoadBalancerInfo":\
            {"ContainerName":"app","ContainerPort":8080}}}}]}"""
                .formatted(taskDefinitionArn),
            null);
    appSpec = new AppSpec(appSpec.content(), AppSpecRenderer.sha256(appSpec.content()));
    return new DeploymentRequest(
        SimulatedAwsFixture.APP,
        SimulatedAwsFixture.GROUP,
        config,
        appSpec,
        description,
        true,
        false,
        List.of());
  }

  private DeploymentSnapshot describe(String id) {
    var snapshots = codeDeploy.describeDeployments(List.of(id));
    assertThat(snapshots).hasSize(1);
    return snapshots.get(0);
  }

  private static double greenWeight(DeploymentSnapshot snapshot) {
    return snapshot.target().taskSets().stream()
        .filter(t -> t.label().equals("Green"))
        .mapToDouble(DeploymentSnapshot.TaskSet::trafficWeight)
        .sum();
  }

  @Test
  void followsACanaryDeploymentThroughItsLifecycle() {
    f.createGroup(f.group(30, "CONTINUE_DEPLOYMENT", null));
    String config =
        codeDeploy.ensureDeploymentConfig(
            new TrafficRouting(TrafficRoutingType.TimeBasedCanary, 20, 5));
    String id = codeDeploy.createDeployment(request(config, newRevision(), "release marker"));

    var created = describe(id);
    assertThat(created.state()).isEqualTo(DeploymentState.CREATED);
    assertThat(created.target()).isNull();
    assertThat(created.description()).isEqualTo("release marker");
    assertThat(created.creator()).isEqualTo("user");

    f.advanceMinutes(2);
    var shifting = describe(id);
    assertThat(shifting.state()).isEqualTo(DeploymentState.IN_PROGRESS);
    assertThat(shifting.target().lifecycleEvents())
        .filteredOn(e -> e.status().equals("InProgress"))
        .extracting(DeploymentSnapshot.LifecycleEvent::name)
        .containsExactly("AllowTraffic");
    assertThat(greenWeight(shifting)).isEqualTo(20.0);
    assertThat(shifting.target().taskSets())
        .extracting(DeploymentSnapshot.TaskSet::label, DeploymentSnapshot.TaskSet::targetGroup)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("Blue", "web-blue"),
            org.assertj.core.groups.Tuple.tuple("Green", "web-green"));

    f.advanceMinutes(6);
    var baking = describe(id);
    assertThat(baking.state()).isEqualTo(DeploymentState.IN_PROGRESS);
    assertThat(baking.target().status()).isEqualTo("Succeeded");
    assertThat(greenWeight(baking)).isEqualTo(100.0);

    assertThat(codeDeploy.continueDeployment(id, CodeDeployGateway.WaitType.TERMINATION_WAIT))
        .isTrue();
    var done = describe(id);
    assertThat(done.state()).isEqualTo(DeploymentState.SUCCEEDED);
    assertThat(done.completeTime()).isNotNull();
    assertThat(done.target().lifecycleEvents())
        .extracting(DeploymentSnapshot.LifecycleEvent::status)
        .containsOnly("Succeeded");
  }

  @Test
  void aTargetReadUnderItsExpectedIdNeedsNoListing() {
    f.createGroup(f.group(0, "CONTINUE_DEPLOYMENT", null));
    String id =
        codeDeploy.createDeployment(
            request("CodeDeployDefault.ECSAllAtOnce", newRevision(), "expected"));
    f.advanceMinutes(1);

    var read = codeDeploy.readTarget(id, List.of("prod:web"));

    assertThat(read.targetIds()).containsExactly("prod:web");
    assertThat(read.target()).isNotNull();
    assertThat(f.calls("ListDeploymentTargets")).isZero();
  }

  @Test
  void aTargetExpectedUnderAnotherIdIsListedInstead() {
    f.createGroup(f.group(0, "CONTINUE_DEPLOYMENT", null));
    String id =
        codeDeploy.createDeployment(
            request("CodeDeployDefault.ECSAllAtOnce", newRevision(), "unexpected"));
    f.advanceMinutes(1);

    var read = codeDeploy.readTarget(id, List.of("other:service"));

    assertThat(read.targetIds()).containsExactly("prod:web");
    assertThat(read.target()).isNotNull();
    assertThat(f.calls("ListDeploymentTargets")).isEqualTo(1);
  }

  @Test
  void aSecondDeploymentWhileOneIsActiveMeansTheGroupIsBusy() {
    f.createGroup(f.group(0, "CONTINUE_DEPLOYMENT", null));
    String revision = newRevision();
    String first =
        codeDeploy.createDeployment(request("CodeDeployDefault.ECSAllAtOnce", revision, "one"));

    assertThatThrownBy(
            () ->
                codeDeploy.createDeployment(
                    request("CodeDeployDefault.ECSAllAtOnce", revision, "two")))
        .isInstanceOf(DeploymentGroupBusyException.class)
        .hasMessageContaining("web-app/web-dg");
    assertThat(codeDeploy.activeDeployments(SimulatedAwsFixture.APP, SimulatedAwsFixture.GROUP))
        .extracting(DeploymentSnapshot::deploymentId, DeploymentSnapshot::description)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(first, "one"));
  }

  @Test
  void stoppingWithRollbackLinksTheRollbackDeployment() {
    f.createGroup(f.group(30, "CONTINUE_DEPLOYMENT", null));
    String id =
        codeDeploy.createDeployment(
            request("CodeDeployDefault.ECSAllAtOnce", newRevision(), "to stop"));
    f.advanceMinutes(1);

    assertThat(codeDeploy.stopDeployment(id, true)).isTrue();
    f.advanceMinutes(5);

    var stopped = describe(id);
    assertThat(stopped.state()).isEqualTo(DeploymentState.STOPPED);
    assertThat(stopped.errorCode()).isEqualTo("MANUAL_STOP");
    assertThat(stopped.rollbackDeploymentId()).isNotNull();
    var rollback = describe(stopped.rollbackDeploymentId());
    assertThat(rollback.creator()).isEqualTo("codeDeployRollback");
    assertThat(rollback.rollbackTriggeringDeploymentId()).isEqualTo(id);
    assertThat(codeDeploy.stopDeployment(id, true)).isFalse();
  }

  @Test
  void continuesAReadyDeploymentOnAStopDeploymentGroup() {
    f.createGroup(f.group(0, "STOP_DEPLOYMENT", 60));
    String id =
        codeDeploy.createDeployment(
            request("CodeDeployDefault.ECSAllAtOnce", newRevision(), "manual gate"));

    assertThat(codeDeploy.continueDeployment(id, CodeDeployGateway.WaitType.READY_WAIT))
        .as("not ready yet")
        .isFalse();
    f.advanceMinutes(3);
    assertThat(describe(id).state()).isEqualTo(DeploymentState.READY);

    assertThat(codeDeploy.continueDeployment(id, CodeDeployGateway.WaitType.READY_WAIT)).isTrue();
    f.advanceMinutes(5);
    assertThat(describe(id).state()).isEqualTo(DeploymentState.SUCCEEDED);
    assertThat(codeDeploy.continueDeployment(id, CodeDeployGateway.WaitType.READY_WAIT)).isFalse();
  }

  @Test
  void deployingToAMissingGroupIsInvalidWithTheAwsCode() {
    f.aws.deploymentGroups().ensureApplication(SimulatedAwsFixture.APP);

    assertThatThrownBy(
            () ->
                codeDeploy.createDeployment(
                    request("CodeDeployDefault.ECSAllAtOnce", newRevision(), "x")))
        .isInstanceOf(InvalidReleaseException.class)
        .hasMessageContaining("CreateDeployment")
        .hasMessageContaining("web-app/web-dg")
        .extracting(e -> ((InvalidReleaseException) e).awsErrorCode())
        .isEqualTo("DeploymentGroupDoesNotExistException");
  }

  @Test
  void releasesEnsuringOneConfigAtOnceAskAwsOnce() throws Exception {
    var canary = new TrafficRouting(TrafficRoutingType.TimeBasedCanary, 10, 1);
    int callers = 8;
    var start = new java.util.concurrent.CountDownLatch(1);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
    try {
      var answers =
          java.util.stream.IntStream.range(0, callers)
              .mapToObj(
                  i ->
                      pool.submit(
                          () -> {
                            start.await();
                            return codeDeploy.ensureDeploymentConfig(canary);
                          }))
              .toList();
      start.countDown();
      for (var answer : answers) {
        assertThat(answer.get()).isEqualTo(DeploymentConfigNames.of(canary));
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(f.calls("GetDeploymentConfig")).isEqualTo(1);
    assertThat(f.calls("CreateDeploymentConfig")).isEqualTo(1);
  }

  @Test
  void ensuresOneCustomDeploymentConfigPerRouting() {
    var linear = new TrafficRouting(TrafficRoutingType.TimeBasedLinear, 20, 2);

    assertThat(codeDeploy.ensureDeploymentConfig(linear))
        .isEqualTo("ecs-bluegreen.Linear20PercentEvery2Minutes");
    assertThat(codeDeploy.ensureDeploymentConfig(linear))
        .isEqualTo("ecs-bluegreen.Linear20PercentEvery2Minutes");
    assertThat(
            codeDeploy.ensureDeploymentConfig(
                new TrafficRouting(TrafficRoutingType.AllAtOnce, null, null)))
        .isEqualTo("CodeDeployDefault.ECSAllAtOnce");
    assertThat(f.calls("CreateDeploymentConfig")).isEqualTo(1);
  }

  @Test
  void unknownDeploymentIdsAreLeftOutAndManyIdsAreBatchedBy25() {
    f.createGroup(f.group(0, "CONTINUE_DEPLOYMENT", null));
    String id =
        codeDeploy.createDeployment(
            request("CodeDeployDefault.ECSAllAtOnce", newRevision(), "batch"));
    var ids = new java.util.ArrayList<String>();
    for (int i = 0; i < 30; i++) {
      ids.add("d-UNKNOWN" + (i < 10 ? "0" : "") + i);
    }
    ids.add(id);

    assertThat(codeDeploy.describeDeployments(ids))
        .extracting(DeploymentSnapshot::deploymentId)
        .containsExactly(id);
    assertThat(f.calls("BatchGetDeployments")).isEqualTo(2);
  }

  /**
   * K releases in flight whose passes fall due on one tick of the grid and ask one after another
   * within its spread: their deployments are read in ceil(K / 25) BatchGetDeployments a round, not
   * one call for each pass that missed the last one's moment.
   */
  @Test
  void passesOfKReleasesDueOnOneTickReadTheirDeploymentsInCeilKOver25CallsARound()
      throws Exception {
    f.createGroup(f.group(0, "CONTINUE_DEPLOYMENT", null));
    String running =
        codeDeploy.createDeployment(
            request("CodeDeployDefault.ECSAllAtOnce", newRevision(), "in flight"));
    int releases = 30;
    var ids = new ArrayList<String>(List.of(running));
    for (int i = 1; i < releases; i++) {
      ids.add("d-INFLT%04d".formatted(i));
    }
    var tick = Instant.parse("2025-01-01T00:00:07Z");
    var gatherClock = new ManualClock(tick.plusMillis(10));
    var reads =
        new BatchedReads<DeploymentSnapshot>(
            25,
            Gather.onGrid(Duration.ofSeconds(1)).withClock(gatherClock.asJavaClock()),
            codeDeploy::readDeployments,
            DeploymentSnapshot::deploymentId);
    var pool = Executors.newFixedThreadPool(releases);
    try {
      for (int round = 1; round <= 2; round++) {
        var passes = new ArrayList<Future<?>>();
        for (int i = 0; i < releases; i++) {
          String id = ids.get(i);
          passes.add(pool.submit(() -> reads.read(List.of(id))));
          awaitWaiting(reads, (i + 1) % 25);
        }
        // The tick's spread ends; the last 5 leave together.
        gatherClock.advance(Duration.ofMillis(300));
        for (var pass : passes) {
          pass.get(10, TimeUnit.SECONDS);
        }

        assertThat(f.calls("BatchGetDeployments")).as("round " + round).isEqualTo(2L * round);
        gatherClock.advance(Duration.ofMillis(700)); // to just after the next tick
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void awaitWaiting(BatchedReads<?> reads, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (reads.waiting() != count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(reads.waiting() + " ids wait for a read, not " + count);
      }
      Thread.sleep(2);
    }
  }
}
