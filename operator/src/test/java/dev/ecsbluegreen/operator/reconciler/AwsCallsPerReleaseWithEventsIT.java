package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

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
   * Ceilings for the reads of running deployments. A release's passes: the one that created the
   * deployment, the one each START and SUCCESS event sets off, and the safety net's from the
   * instant the canary can first end; each reads its deployment in a batch with the others'.
   */
  static final Map<String, Long> AT_MOST_PER_RELEASE =
      Map.of("DescribeServices", 1L, "BatchGetDeployments", 6L);

  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    var harness = new OperatorHarness(kubernetes, LANES.toArray(String[]::new));
    harness.restartWithEvents(
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        new EventsSettings(harness.eventsQueueUrl(), HOUR, HOUR));
    return harness;
  }

  @Test
  void aReleaseFollowedByEventsNeverReadsItsDeploymentsTarget() throws InterruptedException {
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
            assertThat(perRelease.get(operation)).as(operation).isLessThanOrEqualTo(ceiling));
    // Releases that rest cost nothing but the queue's long polls.
    assertThat(
            awsCalls(
                harness.sim.callLog().all().subList(settled, harness.sim.callLog().all().size())))
        .isEmpty();
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
