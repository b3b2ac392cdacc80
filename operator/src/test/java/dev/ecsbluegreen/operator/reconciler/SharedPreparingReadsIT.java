package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.aws.DeploymentGroupState;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.simulator.http.ApiCall;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Releases applied together (a GitOps sync) read what they share before their deployments exist
 * together: the services of one cluster in shared DescribeServices calls, and the deployment groups
 * of one application in shared BatchGetDeploymentGroups calls. Counted from the simulator's call
 * log.
 */
class SharedPreparingReadsIT extends HarnessScenarios {
  static final int RELEASES = 6;
  static final String APPLICATION = "shared-app";
  static final List<String> LANES =
      IntStream.rangeClosed(1, RELEASES).mapToObj(i -> "share" + i).toList();

  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return new OperatorHarness(kubernetes, LANES.toArray(String[]::new));
  }

  @Test
  void releasesAppliedTogetherShareTheirServiceAndGroupReads() {
    LANES.forEach(lane -> harness.createGroup(inSharedApplication(lane)));
    // Applied while the operator is down, so its first passes see them all at once, as after a
    // sync.
    harness.stopOperator();
    int from = harness.sim.callLog().all().size();
    for (String lane : LANES) {
      harness.apply(
          release(lane).group(APPLICATION, lane + "-dg").image("example/" + lane + ":2").build());
    }
    harness.startOperator();

    LANES.forEach(lane -> harness.awaitPhase(lane, Phase.Succeeded));

    var calls = harness.sim.callLog().all().subList(from, harness.sim.callLog().all().size());
    // All six services are in cluster prod and all six groups in one application: one call could
    // answer them all; a call per release would mean nothing was shared.
    assertThat(count(calls, "DescribeServices")).isBetween(1L, RELEASES - 1L);
    assertThat(count(calls, "BatchGetDeploymentGroups")).isBetween(1L, RELEASES - 1L);
    assertThat(count(calls, "GetDeploymentGroup")).isZero();
    assertThat(count(calls, "CreateDeployment")).isEqualTo(RELEASES);
  }

  private DeploymentGroupState inSharedApplication(String lane) {
    var g = harness.groupShape(lane, 0, "CONTINUE_DEPLOYMENT", null);
    return new DeploymentGroupState(
        APPLICATION,
        g.deploymentGroup(),
        g.serviceRoleArn(),
        g.clusterName(),
        g.serviceName(),
        g.targetGroups(),
        g.productionListenerArns(),
        g.testListenerArns(),
        g.terminationWaitMinutes(),
        g.readyAction(),
        g.readyWaitMinutes(),
        g.autoRollbackEvents(),
        g.alarms(),
        g.triggers());
  }

  private static long count(List<ApiCall> calls, String operation) {
    return calls.stream().filter(c -> c.operation().equals(operation)).count();
  }
}
