package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.simulator.http.ApiCall;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Pins what a release costs in AWS calls, by operation, through its whole life: a regression in
 * reads fails the build here rather than showing as throttling in a fleet. Not timed: the counts
 * come from the simulator's call log.
 */
class AwsCallsPerReleaseIT extends HarnessScenarios {
  static final int RELEASES = 5;
  static final List<String> LANES =
      IntStream.rangeClosed(1, RELEASES).mapToObj(i -> "pin" + i).toList();

  /** What a release reads, or used to read, before its deployment exists. */
  static final Set<String> PREPARING_READS =
      Set.of(
          "DescribeServices",
          "GetDeploymentGroup",
          "BatchGetDeploymentGroups",
          "ListDeployments",
          "ListTaskDefinitions",
          "DescribeTaskDefinition",
          "GetDeploymentConfig");

  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return new OperatorHarness(kubernetes, LANES.toArray(String[]::new));
  }

  /**
   * Calls every release makes exactly once, whatever the timing: its reads before the deployment
   * exists that no other release shares (each has an application of its own, and a family), its
   * mutations. A first attempt that registers a new revision does not list the group's deployments
   * (ListDeployments): nothing can carry its token yet; nor the family's revisions
   * (ListTaskDefinitions): none can carry the release's uid yet, and the revision the service runs
   * (described once, as the template's base) is the one compared with; nor are its deployment's
   * target ids listed (ListDeploymentTargets): CodeDeploy derives them from the service.
   */
  static final Map<String, Long> ONCE_PER_RELEASE =
      Map.ofEntries(
          Map.entry("BatchGetDeploymentGroups", 1L),
          Map.entry("DescribeTaskDefinition", 1L),
          Map.entry("GetDeploymentConfig", 1L),
          Map.entry("CreateDeploymentConfig", 1L),
          Map.entry("RegisterTaskDefinition", 1L),
          Map.entry("CreateDeployment", 1L));

  /**
   * Ceilings for the reads that follow a running deployment: how many passes there are depends on
   * the wall clock the operator polls by, so these are bounds (about twice what a run takes), where
   * reading every target on every pass, or each release on its own, would pass them. The service is
   * read once per release at most: releases that prepare at the same moment share the read.
   */
  static final Map<String, Long> AT_MOST_PER_RELEASE =
      Map.of("DescribeServices", 1L, "BatchGetDeployments", 8L, "BatchGetDeploymentTargets", 16L);

  @Test
  void aReleaseCostsAPinnedNumberOfCallsThroughItsLife() throws InterruptedException {
    LANES.forEach(lane -> harness.createGroup(lane, 0));
    int from = harness.sim.callLog().all().size();

    for (int i = 0; i < RELEASES; i++) {
      // A routing of its own each, so every release creates its deployment config.
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
    assertThat(perRelease).containsOnlyKeys(union(ONCE_PER_RELEASE, AT_MOST_PER_RELEASE));
    ONCE_PER_RELEASE.forEach(
        (operation, count) ->
            assertThat(perRelease.get(operation)).as(operation).isEqualTo(count.doubleValue()));
    AT_MOST_PER_RELEASE.forEach(
        (operation, ceiling) ->
            assertThat(perRelease.get(operation)).as(operation).isLessThanOrEqualTo(ceiling));
    double readsBeforeDeployment =
        PREPARING_READS.stream().mapToDouble(op -> perRelease.getOrDefault(op, 0.0)).sum();
    assertThat(readsBeforeDeployment).isLessThanOrEqualTo(4);
    // Releases that rest cost nothing.
    assertThat(harness.sim.callLog().all().size()).isEqualTo(settled);
  }

  private static Map<String, Double> perRelease(List<ApiCall> calls) {
    return calls.stream()
        .collect(
            Collectors.groupingBy(
                ApiCall::operation,
                TreeMap::new,
                Collectors.collectingAndThen(Collectors.counting(), c -> c / (double) RELEASES)));
  }

  private static Set<String> union(Map<String, Long> one, Map<String, Long> other) {
    return java.util.stream.Stream.concat(one.keySet().stream(), other.keySet().stream())
        .collect(Collectors.toSet());
  }
}
