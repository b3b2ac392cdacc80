package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec.EcsStrategy;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.simulator.http.ApiCall;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * ECS-native releases applied together (a GitOps sync) read their services together, as {@link
 * SharedPreparingReadsIT} shows for CodeDeploy: counted from the simulator's call log.
 */
class EcsSharedPreparingReadsIT extends HarnessScenarios {
  static final int RELEASES = 6;
  static final List<String> LANES =
      IntStream.rangeClosed(1, RELEASES).mapToObj(i -> "nshare" + i).toList();

  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return OperatorHarness.ecsNative(kubernetes, LANES.toArray(String[]::new));
  }

  @Test
  void ecsReleasesAppliedTogetherShareTheirServiceReads() {
    // Applied while the operator is down, so its first passes see them all at once, as after a
    // sync.
    harness.stopOperator();
    int from = harness.sim.callLog().all().size();
    for (String lane : LANES) {
      harness.apply(
          release(lane)
              .image("example/" + lane + ":2")
              .ecs(new EcsSpec(EcsStrategy.BlueGreen, null, null, 0, null, null, null))
              .build());
    }
    harness.startOperator();

    LANES.forEach(lane -> harness.awaitPhase(lane, Phase.Succeeded));

    var calls = harness.sim.callLog().all().subList(from, harness.sim.callLog().all().size());
    int started = (int) calls.stream().filter(c -> c.operation().equals("UpdateService")).count();
    assertThat(started).isEqualTo(RELEASES);
    // All six services are in cluster prod, and each release reads its service on two passes
    // before its deployment exists: one call could answer six; twelve would mean nothing was
    // shared.
    assertThat(count(calls, "DescribeServices")).isBetween(2L, 2L * RELEASES - 2);
    assertThat(count(calls, "ListTaskDefinitions")).isZero();
  }

  private static long count(List<ApiCall> calls, String operation) {
    return calls.stream().filter(c -> c.operation().equals(operation)).count();
  }
}
