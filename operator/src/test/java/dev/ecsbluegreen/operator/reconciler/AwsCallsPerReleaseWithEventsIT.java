package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.config.EventsSettings;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.simulator.http.ApiCall;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Pins what a release costs in CodeDeploy and ECS calls while pushed events report its deployment:
 * the deployment is read in shared batches at the instants that matter, and its ECS target never,
 * since nothing in a run that ends well needs it. Not timed: the counts come from the simulator's
 * call log. {@link AwsCallsPerReleaseIT} pins the same releases without events.
 */
class AwsCallsPerReleaseWithEventsIT extends HarnessScenarios {
  static final int RELEASES = 5;
  static final List<String> LANES =
      IntStream.rangeClosed(1, RELEASES).mapToObj(i -> "evpin" + i).toList();

  /** Longer than the test: only events, the deployments' predicted ends and actions move them. */
  static final Duration HOUR = Duration.ofHours(1);

  /**
   * Ceilings for the reads of running deployments. A release reads its deployment on the safety
   * net's passes from the instant the canary can first end, in a batch with the others'; the pass
   * right after the create knows the deployment from its request, and the passes its START and
   * SUCCESS events set off take their answer from the events.
   */
  static final Map<String, Long> AT_MOST_PER_RELEASE =
      Map.of("DescribeServices", 1L, "BatchGetDeployments", 3L);

  /** Releases whose polls are an hour apart: only their events move them. */
  static final List<String> EVENT_LANES =
      IntStream.rangeClosed(1, RELEASES).mapToObj(i -> "evsaid" + i).toList();

  /** Canary releases whose polls are an hour apart: only their events move them. */
  static final List<String> CANARY_LANES =
      IntStream.rangeClosed(1, RELEASES).mapToObj(i -> "evcanary" + i).toList();

  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return new OperatorHarness(
        kubernetes,
        java.util.stream.Stream.of(LANES, EVENT_LANES, CANARY_LANES)
            .flatMap(List::stream)
            .toArray(String[]::new));
  }

  @Test
  void aReleaseFollowedByEventsNeverReadsItsDeploymentsTarget() throws InterruptedException {
    harness.restartWithEvents(
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        new EventsSettings(harness.eventsQueueUrl(), HOUR, HOUR));
    LANES.forEach(lane -> harness.createGroup(lane, 0));
    int from = harness.sim.callLog().all().size();

    for (int i = 0; i < RELEASES; i++) {
      harness.apply(
          release(LANES.get(i))
              .image("example/" + LANES.get(i) + ":2")
              .canary(10 * (i + 1), 1)
              .hook("afterAllowTestTraffic", "CodeDeployHook_ok")
              .build());
    }
    LANES.forEach(lane -> harness.awaitPhase(lane, Phase.Succeeded));
    int settled = harness.sim.callLog().all().size();
    Thread.sleep(2_000);

    var perRelease = perRelease(harness.sim.callLog().all().subList(from, settled));
    assertThat(perRelease)
        .doesNotContainKeys("BatchGetDeploymentTargets", "ListDeploymentTargets", "GetDeployment");
    AwsCallsPerReleaseIT.ONCE_PER_RELEASE.forEach(
        (operation, count) ->
            assertThat(perRelease.get(operation)).as(operation).isEqualTo(count.doubleValue()));
    AT_MOST_PER_RELEASE.forEach(
        (operation, ceiling) ->
            assertThat(perRelease.getOrDefault(operation, 0.0))
                .as(operation)
                .isLessThanOrEqualTo(ceiling));
    // Releases that rest cost nothing but the queue's long polls.
    assertThat(
            awsCalls(
                harness.sim.callLog().all().subList(settled, harness.sim.callLog().all().size())))
        .isEmpty();
  }

  /**
   * The passes SUCCESS events set off take their answer from the events: once the releases saw
   * their deployments run, they end without another CodeDeploy or ECS call. A pass per event that
   * read its deployment would cost a BatchGetDeployments per release here (the events arrive one by
   * one).
   */
  @Test
  void successEventsEndTheirReleasesWithoutARead() {
    harness.restartWithEvents(HOUR, HOUR, new EventsSettings(harness.eventsQueueUrl(), HOUR, HOUR));
    EVENT_LANES.forEach(lane -> harness.createGroup(lane, 0));
    // A simulated second per look, so the deployments still install when they show running.
    harness.step(Duration.ofSeconds(1));
    for (String lane : EVENT_LANES) {
      harness.apply(release(lane).image("example/" + lane + ":2").build());
    }
    for (String lane : EVENT_LANES) {
      harness.awaitRelease(lane, s -> "IN_PROGRESS".equals(s.deploymentStatus()));
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(500))
        .until(new CallsSettled(harness));
    int running = harness.sim.callLog().all().size();

    harness.clock.advance(Duration.ofMinutes(10));
    for (String lane : EVENT_LANES) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> harness.status(lane).phase() == Phase.Succeeded);
    }

    assertThat(awsCalls(harness.sim.callLog().all().subList(running, callCount()))).isEmpty();
  }

  /**
   * A deployment the operator created in a configuration it named is known from its request: with
   * its START and SUCCESS events arriving, the pass right after the create and the passes the
   * events set off read nothing. The releases are applied one after another, so before, when the
   * pass right after the create read the new deployment, each cost a BatchGetDeployments of its own
   * (1 a release). A bound rather than none: a pass an event set off reads when the pass before it
   * already took that event's news (both were queued at once), which a loaded machine makes likely.
   */
  @Test
  void aDeploymentItCreatedIsNotReadWhileItsEventsArrive() {
    harness.restartWithEvents(HOUR, HOUR, new EventsSettings(harness.eventsQueueUrl(), HOUR, HOUR));
    CANARY_LANES.forEach(lane -> harness.createGroup(lane, 0));
    harness.step(Duration.ofSeconds(1));
    int from = callCount();

    for (String lane : CANARY_LANES) {
      harness.apply(release(lane).image("example/" + lane + ":2").canary(5, 2).build());
      var running = harness.awaitRelease(lane, s -> "IN_PROGRESS".equals(s.deploymentStatus()));
      assertThat(running.deploymentConfig()).isEqualTo("ecs-bluegreen.Canary5Percent2Minutes");
      assertThat(running.startedAt()).isNotNull();
    }
    harness.clock.advance(Duration.ofMinutes(10));
    for (String lane : CANARY_LANES) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> harness.status(lane).phase() == Phase.Succeeded);
    }

    var perRelease = perRelease(harness.sim.callLog().all().subList(from, callCount()));
    assertThat(perRelease)
        .containsEntry("CreateDeployment", 1.0)
        .doesNotContainKeys("GetDeployment", "BatchGetDeploymentTargets", "ListDeploymentTargets");
    assertThat(perRelease.getOrDefault("BatchGetDeployments", 0.0)).isLessThanOrEqualTo(0.4);
  }

  private int callCount() {
    return harness.sim.callLog().all().size();
  }

  /** True once no CodeDeploy or ECS call came since the last look. */
  private static final class CallsSettled implements java.util.concurrent.Callable<Boolean> {
    private final OperatorHarness harness;
    private long seen = -1;

    CallsSettled(OperatorHarness harness) {
      this.harness = harness;
    }

    @Override
    public Boolean call() {
      long calls = awsCalls(harness.sim.callLog().all()).size();
      boolean settled = calls == seen;
      seen = calls;
      return settled;
    }
  }

  /** CodeDeploy's and ECS's calls: the queue's are one per long poll, whatever the releases. */
  private static List<ApiCall> awsCalls(List<ApiCall> calls) {
    return calls.stream().filter(call -> !call.service().equals("sqs")).toList();
  }

  private static Map<String, Double> perRelease(List<ApiCall> calls) {
    return awsCalls(calls).stream()
        .collect(
            Collectors.groupingBy(
                ApiCall::operation,
                TreeMap::new,
                Collectors.collectingAndThen(Collectors.counting(), c -> c / (double) RELEASES)));
  }
}
