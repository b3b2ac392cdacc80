package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsCanary;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec.EcsStrategy;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.simulator.http.ApiCall;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Pins what one ECS-native release costs in AWS calls, as {@link AwsCallsPerReleaseIT} does for
 * CodeDeploy: its reads before its service deployment exists, and its reads per pass once it does.
 */
class EcsCallsPerReleaseIT extends HarnessScenarios {
  static final String LANE = "npin";

  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return OperatorHarness.ecsNative(kubernetes, LANE);
  }

  @Test
  void anEcsReleaseCostsAPinnedNumberOfCallsThroughItsLife() throws InterruptedException {
    int from = harness.sim.callLog().all().size();

    harness.apply(
        release(LANE)
            .image("example/npin:2")
            .ecs(new EcsSpec(EcsStrategy.Canary, null, new EcsCanary(10.0, 1), 1, null, null, null))
            .build());
    harness.awaitPhase(LANE, Phase.Succeeded);
    int settled = harness.sim.callLog().all().size();
    Thread.sleep(2_000);

    var calls = harness.sim.callLog().all().subList(from, settled);
    int started = indexOf(calls, "UpdateService");
    var before = byOperation(calls.subList(0, started));
    var after = byOperation(calls.subList(started + 1, calls.size()));
    System.out.printf(
        "ECS release calls: before %s, UpdateService, after %s, tracking passes %d%n",
        before, after, harness.passes.tracking(LANE));

    // Before the deployment exists, two passes: one registers the revision, having read the
    // service, its current deployment (ended) with that deployment's revisions, and the revision
    // the
    // service runs (the template's base, which is also what a first attempt compares with); the
    // next starts the deployment, reading the service alone. Nothing lists the family's revisions.
    assertThat(before)
        .isEqualTo(
            Map.of(
                "DescribeServices", 2L,
                "DescribeServiceDeployments", 1L,
                "DescribeServiceRevisions", 1L,
                "DescribeTaskDefinition", 1L,
                "RegisterTaskDefinition", 1L));
    // Once it exists: one DescribeServiceDeployments per pass, nothing else.
    assertThat(after).containsOnlyKeys("DescribeServiceDeployments");
    assertThat(after.get("DescribeServiceDeployments")).isEqualTo(harness.passes.tracking(LANE));
    // Releases that rest cost nothing.
    assertThat(harness.sim.callLog().all().size()).isEqualTo(settled);
  }

  private static int indexOf(List<ApiCall> calls, String operation) {
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).operation().equals(operation)) {
        return i;
      }
    }
    throw new AssertionError(operation + " never called");
  }

  private static Map<String, Long> byOperation(List<ApiCall> calls) {
    return calls.stream()
        .collect(Collectors.groupingBy(ApiCall::operation, TreeMap::new, Collectors.counting()));
  }
}
