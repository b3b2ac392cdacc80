package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.OperatorRunner;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A burst of releases with a small request budget: the calls queue inside the operator, so AWS (the
 * simulator, whose call log says when each call arrived) never sees more than the budget allows,
 * and every release still finishes. The simulator runs on a scaled clock, so its timestamps measure
 * the operator's pace without the test timing anything itself.
 */
class RequestBudgetIT {
  static final int RELEASES = 4;
  static final int CALLS_PER_SECOND = 5;

  /** Simulated seconds per wall-clock second: a wall-clock second of budget is this long here. */
  static final double SPEED = 10;

  static final String OPERATOR_KEY = "AKIDOPERATOR";

  @Test
  void aBurstOfReleasesQueuesInsideTheOperatorAndAllFinish() throws Exception {
    List<String> lanes = IntStream.range(0, RELEASES).mapToObj(i -> "budget-" + i).toList();
    var world = World.builder().cluster("prod").dataPlane(false);
    lanes.forEach(lane -> Lanes.add(world, lane));
    var clock = ScaledClock.ofSpeed(SPEED);
    var meters = new SimpleMeterRegistry();
    try (var sim = Simulator.start(world.build(), clock);
        var kubernetes = KubernetesUnderTest.mockServer();
        var setup =
            access(sim, "AKIDSETUP", AwsGuardSettings.simulated(), new SimpleMeterRegistry());
        var operatorAws =
            access(
                sim,
                OPERATOR_KEY,
                AwsGuardSettings.defaults().withBudget(CALLS_PER_SECOND, CALLS_PER_SECOND),
                meters)) {
      for (String lane : lanes) {
        var groups = setup.forTarget(null).deploymentGroups();
        var group = Lanes.group(sim, lane, 0, "CONTINUE_DEPLOYMENT", null);
        groups.ensureApplication(group.application());
        groups.createGroup(group);
      }
      var config =
          OperatorConfig.defaults()
              .withNamespaces(Set.of(kubernetes.namespace()))
              .withAwsEndpoint(sim.endpoint())
              .withPolls(
                  Duration.ofMillis(100),
                  Duration.ofMillis(300),
                  Duration.ofSeconds(2),
                  Duration.ofMillis(20));
      var releases =
          kubernetes
              .client()
              .resources(EcsBlueGreenRelease.class)
              .inNamespace(kubernetes.namespace());
      try (var operator =
          OperatorRunner.start(config, kubernetes.client(), operatorAws, clock.asJavaClock())) {
        for (String lane : lanes) {
          var burst = release(lane).deploymentConfig("CodeDeployDefault.ECSAllAtOnce").build();
          burst.getMetadata().setNamespace(kubernetes.namespace());
          releases.resource(burst).create();
        }
        await()
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(250))
            .until(
                () ->
                    lanes.stream()
                        .map(lane -> releases.withName(lane).get().getStatus())
                        .allMatch(s -> s != null && s.phase() == Phase.Succeeded));
      }

      var calls =
          sim.callLog().all().stream().filter(c -> OPERATOR_KEY.equals(c.caller())).toList();
      for (String service : List.of("codedeploy", "ecs")) {
        var times =
            calls.stream().filter(c -> service.equals(c.service())).map(ApiCall::at).toList();
        assertWithinBudget(service, times);
      }
      assertThat(sim.callLog().all())
          .as("each release deployed once")
          .filteredOn(c -> "CreateDeployment".equals(c.operation()) && c.isOk())
          .hasSize(RELEASES);
      double waited =
          meters.find("ecs_bluegreen.aws.budget.wait").timers().stream()
              .mapToDouble(t -> t.totalTime(TimeUnit.MILLISECONDS))
              .sum();
      assertThat(waited).as("milliseconds calls waited for the budget").isGreaterThan(1_000);
    }
  }

  /**
   * The budget hands out its tokens per wall-clock second: any window of {@code k} seconds holds at
   * most {@code k + 1} seconds' worth (it may straddle two refills), here measured in simulated
   * time, {@link #SPEED} times longer.
   */
  private static void assertWithinBudget(String service, List<Instant> times) {
    assertThat(times).as(service + " calls").isNotEmpty();
    int windowSeconds = 5;
    Duration window = Duration.ofMillis((long) (windowSeconds * 1000 * SPEED));
    int most = 0;
    for (int i = 0; i < times.size(); i++) {
      Instant end = times.get(i).plus(window);
      int inWindow = 0;
      for (int j = i; j < times.size() && times.get(j).isBefore(end); j++) {
        inWindow++;
      }
      most = Math.max(most, inWindow);
    }
    assertThat(most)
        .as("%s calls in any %d s (%d calls in all)", service, windowSeconds, times.size())
        .isLessThanOrEqualTo((windowSeconds + 1) * CALLS_PER_SECOND);
  }

  private static AwsSdkAccess access(
      Simulator sim, String accessKey, AwsGuardSettings guards, SimpleMeterRegistry meters) {
    return new AwsSdkAccess(
        AwsClientSettings.defaults("us-east-1")
            .withEndpointOverride(sim.endpoint())
            .withCredentials(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
            .withMaxAttempts(2),
        List.of(),
        new AwsGuards(guards, Clock.systemUTC(), meters));
  }
}
