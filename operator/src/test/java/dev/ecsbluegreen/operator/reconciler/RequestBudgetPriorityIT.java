package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.OperatorRunner;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.aws.AwsClientSettings;
import dev.ecsbluegreen.operator.aws.AwsGuardSettings;
import dev.ecsbluegreen.operator.aws.AwsGuards;
import dev.ecsbluegreen.operator.aws.AwsSdkAccess;
import dev.ecsbluegreen.operator.config.OperatorConfig;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.Lanes;
import dev.ecsbluegreen.simulator.Simulator;
import dev.ecsbluegreen.simulator.http.ApiCall;
import dev.ecsbluegreen.simulator.world.ScaledClock;
import dev.ecsbluegreen.simulator.world.World;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A release promoted while a burst of new releases queues for a CodeDeploy budget of two calls a
 * second (one for each lane): its reads and its ContinueDeployment go ahead of the calls that
 * prepare the others, so its status shows Succeeded while most of them still wait, and only a few
 * of their calls went out in between. And the burst is not starved by the calls in flight, whose
 * number grows with every deployment it creates: it keeps its half of the budget until its last
 * deployment is created. The bounds count calls in the simulator's call log, not seconds, so a
 * loaded machine that runs every pass late moves both sides alike.
 */
class RequestBudgetPriorityIT {
  static final int BURST = 24;
  static final int CODEDEPLOY_CALLS_PER_SECOND = 2;

  /**
   * At most this many calls preparing other releases may reach CodeDeploy between the promotion and
   * the status showing its outcome: the promoted release's pass, its ContinueDeployment and the
   * pass that reads the outcome each let through the few that had their token already. Queued
   * behind the burst, as before calls in flight went first, each of its calls waited for every call
   * the burst's passes had queued, up to the budget's 30 s wait: 60 tokens.
   */
  static final int MOST_PREPARING_CALLS_BETWEEN = 16;

  /** The CodeDeploy calls that prepare a release's deployment. */
  static final Set<String> PREPARING_CALLS = Set.of("BatchGetDeploymentGroups", "CreateDeployment");

  static final String OPERATOR_KEY = "AKIDOPERATOR";
  static final String EARLY = "early";

  @Test
  void aRunningDeploymentsStatusFollowsWhileABurstQueuesForTheBudget() throws Exception {
    List<String> burst = IntStream.range(0, BURST).mapToObj(i -> "queued-" + i).toList();
    var world = World.builder().cluster("prod").dataPlane(false);
    Lanes.add(world, EARLY);
    burst.forEach(lane -> Lanes.add(world, lane));
    var clock = ScaledClock.ofSpeed(10);
    try (var sim = Simulator.start(world.build(), clock);
        var kubernetes = KubernetesUnderTest.mockServer();
        var setup = access(sim, "AKIDSETUP", AwsGuardSettings.simulated());
        var operatorAws =
            access(
                sim,
                OPERATOR_KEY,
                AwsGuardSettings.defaults().withBudget(200, CODEDEPLOY_CALLS_PER_SECOND))) {
      var groups = setup.forTarget(null).deploymentGroups();
      groups.ensureApplication(EARLY + "-app");
      groups.createGroup(Lanes.group(sim, EARLY, 0, "STOP_DEPLOYMENT", 600));
      for (String lane : burst) {
        groups.ensureApplication(lane + "-app");
        groups.createGroup(Lanes.group(sim, lane, 0, "CONTINUE_DEPLOYMENT", null));
      }
      var config =
          OperatorConfig.defaults()
              .withNamespaces(Set.of(kubernetes.namespace()))
              .withAwsEndpoint(sim.endpoint())
              .withPolls(
                  Duration.ofMillis(200),
                  Duration.ofMillis(500),
                  Duration.ofSeconds(2),
                  Duration.ofMillis(20));
      var releases =
          kubernetes
              .client()
              .resources(EcsBlueGreenRelease.class)
              .inNamespace(kubernetes.namespace());
      try (var operator =
          OperatorRunner.start(config, kubernetes.client(), operatorAws, clock.asJavaClock())) {
        create(releases, release(EARLY).manualPromotion().build(), kubernetes.namespace());
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> phase(releases, EARLY) == Phase.AwaitingPromotion);

        for (String lane : burst) {
          create(
              releases,
              release(lane).deploymentConfig("CodeDeployDefault.ECSAllAtOnce").build(),
              kubernetes.namespace());
        }
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    burst.stream()
                        .map(lane -> releases.withName(lane).get().getStatus())
                        .anyMatch(RequestBudgetPriorityIT::waitsForBudget));

        Instant promoted = clock.now();
        // As kubectl annotate sends it: no resourceVersion to conflict with the operator's writes.
        releases
            .withName(EARLY)
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                Serialization.asJson(
                    Map.of("metadata", Map.of("annotations", Map.of(Actions.PROMOTE, "now")))));
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> phase(releases, EARLY) == Phase.Succeeded);
        Instant succeeded = clock.now();
        long stillPreparing = stillPreparing(releases, burst);

        long preparingBetween =
            sim.callLog().all().stream()
                .filter(c -> OPERATOR_KEY.equals(c.caller()))
                .filter(c -> "codedeploy".equals(c.service()))
                .filter(c -> !c.at().isBefore(promoted) && c.at().isBefore(succeeded))
                .map(ApiCall::operation)
                .filter(PREPARING_CALLS::contains)
                .count();
        assertThat(stillPreparing)
            .as("releases of the burst without a deployment when the promoted one succeeded")
            .isGreaterThanOrEqualTo(BURST / 2);
        assertThat(preparingBetween)
            .as("calls preparing other releases sent between the promotion and its Succeeded")
            .isLessThanOrEqualTo(MOST_PREPARING_CALLS_BETWEEN);

        await().atMost(Duration.ofSeconds(180)).until(() -> stillPreparing(releases, burst) == 0);
        var codeDeployCalls =
            sim.callLog().all().stream()
                .filter(c -> OPERATOR_KEY.equals(c.caller()))
                .filter(c -> "codedeploy".equals(c.service()))
                .filter(c -> !c.at().isBefore(promoted))
                .toList();
        var lastCreate =
            codeDeployCalls.stream()
                .filter(c -> "CreateDeployment".equals(c.operation()))
                .map(ApiCall::at)
                .max(Instant::compareTo)
                .orElseThrow();
        var untilLastCreate =
            codeDeployCalls.stream().filter(c -> !c.at().isAfter(lastCreate)).toList();
        long preparing =
            untilLastCreate.stream().filter(c -> PREPARING_CALLS.contains(c.operation())).count();
        assertThat(preparing * 3)
            .as(
                "preparing calls among the %d CodeDeploy calls from the promotion to the last"
                    + " deployment created, while calls in flight wanted every token: their"
                    + " share of the budget is half",
                untilLastCreate.size())
            .isGreaterThanOrEqualTo(untilLastCreate.size());
      }
      assertThat(sim.callLog().all())
          .as("deployments created: at most one per release")
          .filteredOn(c -> "CreateDeployment".equals(c.operation()) && c.isOk())
          .hasSizeLessThanOrEqualTo(BURST + 1);
      // A CreateDeployment the budget turned away was never sent: the pass that comes back sends
      // it from what was read before, without looking for a deployment that might carry it.
      assertThat(sim.callLog().all())
          .as("deployments looked for")
          .filteredOn(c -> "ListDeployments".equals(c.operation()))
          .isEmpty();
    }
  }

  private static long stillPreparing(
      NonNamespaceOperation<
              EcsBlueGreenRelease,
              KubernetesResourceList<EcsBlueGreenRelease>,
              Resource<EcsBlueGreenRelease>>
          releases,
      List<String> burst) {
    return burst.stream()
        .map(lane -> releases.withName(lane).get().getStatus())
        .filter(s -> s == null || s.deploymentId() == null)
        .count();
  }

  private static boolean waitsForBudget(EcsBlueGreenReleaseStatus status) {
    return status != null
        && status.message() != null
        && status.message().startsWith("Waiting for the operator's CodeDeploy request budget")
        && status.conditions().stream()
            .anyMatch(c -> Reasons.WAITING_FOR_REQUEST_BUDGET.equals(c.getReason()));
  }

  private static Phase phase(
      NonNamespaceOperation<
              EcsBlueGreenRelease,
              KubernetesResourceList<EcsBlueGreenRelease>,
              Resource<EcsBlueGreenRelease>>
          releases,
      String name) {
    var status = releases.withName(name).get().getStatus();
    return status == null ? null : status.phase();
  }

  private static void create(
      NonNamespaceOperation<
              EcsBlueGreenRelease,
              KubernetesResourceList<EcsBlueGreenRelease>,
              Resource<EcsBlueGreenRelease>>
          releases,
      EcsBlueGreenRelease release,
      String namespace) {
    release.getMetadata().setNamespace(namespace);
    releases.resource(release).create();
  }

  private static AwsSdkAccess access(Simulator sim, String accessKey, AwsGuardSettings guards) {
    return new AwsSdkAccess(
        AwsClientSettings.defaults("us-east-1")
            .withEndpointOverride(sim.endpoint())
            .withCredentials(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
            .withMaxAttempts(2),
        List.of(),
        new AwsGuards(guards, Clock.systemUTC(), new SimpleMeterRegistry()));
  }
}
