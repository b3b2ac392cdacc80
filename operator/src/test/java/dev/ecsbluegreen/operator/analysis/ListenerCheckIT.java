package dev.ecsbluegreen.operator.analysis;

import static dev.ecsbluegreen.operator.analysis.ListenerTargets.FRESH_FOR;
import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus.Verdict;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.HttpCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.HttpCheck.CheckListener;
import dev.ecsbluegreen.operator.aws.DeploymentGroupState;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.simulator.world.World;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * http checks on the release's own test listener: the operator finds the listener in the deployment
 * group's test traffic route and its address through the simulator's ELB API, then measures green
 * through the data plane's real test listener port.
 */
public class ListenerCheckIT extends HarnessScenarios {
  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return OperatorHarness.withDataPlane(kubernetes, "lgood", "lbad", "lnone");
  }

  @Test
  void checkOnTheTestListenerReachesGreenAndPromotes() {
    waitingGroup("lgood");
    long listenerReads = harness.sim.callLog().count("DescribeListeners");
    long loadBalancerReads = harness.sim.callLog().count("DescribeLoadBalancers");
    var applied = harness.clock.now();
    harness.apply(release("lgood").analysis(onTestListener("smoke", 3)).build());

    var status = harness.awaitPhase("lgood", Phase.Succeeded);

    var smoke = only(status);
    assertThat(smoke.verdict()).isEqualTo(Verdict.Passed);
    assertThat(smoke.runs()).isEqualTo(3);
    assertThat(smoke.lastValue()).isEqualTo("5/5 good");
    assertThat(smoke.lastMessage()).contains("from " + testListenerUrl("lgood"));
    assertThat(harness.runningTaskDefinition("lgood")).endsWith("lgood:2");
    // Resolved once for three runs, unless simulated time outran the address's freshness.
    var allowed = Duration.between(applied, harness.clock.now()).dividedBy(FRESH_FOR) + 1;
    assertThat(harness.sim.callLog().count("DescribeListeners") - listenerReads)
        .isBetween(1L, allowed);
    assertThat(harness.sim.callLog().count("DescribeLoadBalancers") - loadBalancerReads)
        .isBetween(1L, allowed);
  }

  @Test
  void greenFailingThroughTheTestListenerRollsBackBeforeProductionMoves() {
    waitingGroup("lbad");
    try (var phases = harness.watchPhases("lbad")) {
      harness.apply(
          release("lbad").env("SIM_ERROR_RATE", "1").analysis(onTestListener("smoke", 3)).build());

      var status = harness.awaitPhase("lbad", Phase.RolledBack);

      assertThat(phases.phases())
          .contains(Phase.TestTraffic, Phase.RollingBack)
          .doesNotContain(Phase.AwaitingPromotion, Phase.ShiftingTraffic, Phase.Baking);
      assertThat(status.message())
          .startsWith("Rolled back: analysis check smoke failed")
          .contains("0/5 good from " + testListenerUrl("lbad"))
          .contains("5 answered 500");
      assertThat(only(status).verdict()).isEqualTo(Verdict.Failed);
      assertThat(status.traffic().green()).isZero();
      assertThat(harness.runningTaskDefinition("lbad")).endsWith("lbad:1");
    }
  }

  @Test
  void aGroupWithoutATestListenerIsInconclusiveNeverAPass() {
    var group = harness.groupShape("lnone", 0, "STOP_DEPLOYMENT", 600);
    harness.createGroup(withoutTestListener(group));
    harness.apply(release("lnone").analysis(onTestListener("smoke", 1)).build());

    var status =
        harness.awaitRelease(
            "lnone", s -> s.analysis() != null && s.analysis().get(0).inconclusive() >= 2);

    var smoke = only(status);
    assertThat(smoke.verdict()).isEqualTo(Verdict.Running);
    assertThat(smoke.runs()).isEqualTo(smoke.inconclusive());
    assertThat(smoke.lastMessage())
        .isEqualTo(
            "the Test listener could not be resolved: deployment group lnone-app/lnone-dg has"
                + " no test traffic route");
    assertThat(status.phase()).isEqualTo(Phase.TestTraffic);
    assertThat(status.traffic().green()).isZero();
  }

  private void waitingGroup(String lane) {
    harness.createGroup(harness.groupShape(lane, 0, "STOP_DEPLOYMENT", 600));
  }

  /** What the ELB API says the lane's test listener is: its load balancer's DNS name and port. */
  private String testListenerUrl(String lane) {
    return "http://localhost:%d/health"
        .formatted(harness.sim.listenerPort(lane + "-lb", World.ListenerKind.TEST));
  }

  public static AnalysisCheck onTestListener(String name, int count) {
    var http = new HttpCheck(null, List.of(200), 5, 1.0, null, null, CheckListener.Test, "/health");
    return new AnalysisCheck(name, null, 30, count, 1, null, null, http, null, null);
  }

  private static DeploymentGroupState withoutTestListener(DeploymentGroupState group) {
    return new DeploymentGroupState(
        group.application(),
        group.deploymentGroup(),
        group.serviceRoleArn(),
        group.clusterName(),
        group.serviceName(),
        group.targetGroups(),
        group.productionListenerArns(),
        List.of(),
        group.terminationWaitMinutes(),
        group.readyAction(),
        group.readyWaitMinutes(),
        group.autoRollbackEvents(),
        group.alarms(),
        group.triggers());
  }

  private static AnalysisCheckStatus only(EcsBlueGreenReleaseStatus status) {
    assertThat(status.analysis()).hasSize(1);
    return status.analysis().get(0);
  }
}
