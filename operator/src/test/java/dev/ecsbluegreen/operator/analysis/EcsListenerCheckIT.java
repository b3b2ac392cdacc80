package dev.ecsbluegreen.operator.analysis;

import static dev.ecsbluegreen.operator.analysis.ListenerCheckIT.onTestListener;
import static dev.ecsbluegreen.operator.analysis.ListenerTargets.FRESH_FOR;
import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus.Verdict;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec.EcsStrategy;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsTrafficResources;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.Lanes;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.operator.fixtures.Releases;
import dev.ecsbluegreen.simulator.world.World;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * http checks on the test listener of ECS native releases: the operator takes the test listener
 * rule from the service's advancedConfiguration (or the release's own {@code
 * spec.ecs.loadBalancer}), the listener from the rule's ARN and its address from the simulator's
 * ELB API, then measures green through the data plane's real test listener port while the PAUSE
 * hook holds production.
 */
public class EcsListenerCheckIT extends HarnessScenarios {
  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return OperatorHarness.ecsNativeWithDataPlane(
        kubernetes,
        world -> {
          for (String lane : List.of("egood", "ebad", "eown")) {
            Lanes.addEcs(world, lane).alarm(lane + "-5xx");
          }
          Lanes.addEcsWithoutTestListener(world, "enone");
        });
  }

  @Test
  void checkOnTheServicesTestListenerReachesGreenAndContinues() {
    long listenerReads = harness.sim.callLog().count("DescribeListeners");
    long loadBalancerReads = harness.sim.callLog().count("DescribeLoadBalancers");
    var applied = harness.clock.now();
    harness.apply(ecs("egood").analysis(onTestListener("smoke", 3)).build());

    var status = harness.awaitPhase("egood", Phase.Succeeded);

    var smoke = only(status);
    assertThat(smoke.verdict()).isEqualTo(Verdict.Passed);
    assertThat(smoke.runs()).isEqualTo(3);
    assertThat(smoke.lastValue()).isEqualTo("5/5 good");
    assertThat(smoke.lastMessage()).contains("from " + testListenerUrl("egood"));
    assertThat(harness.servingTaskDefinitions("egood"))
        .singleElement()
        .satisfies(arn -> assertThat(arn).endsWith("egood:2"));
    // Resolved once for three runs, unless simulated time outran the address's freshness (the
    // service's rules are read once per deployment, see ServiceListenerRoutesTest).
    var allowed = Duration.between(applied, harness.clock.now()).dividedBy(FRESH_FOR) + 1;
    assertThat(harness.sim.callLog().count("DescribeListeners") - listenerReads)
        .isBetween(1L, allowed);
    assertThat(harness.sim.callLog().count("DescribeLoadBalancers") - loadBalancerReads)
        .isBetween(1L, allowed);
  }

  @Test
  void greenFailingThroughTheTestListenerRollsBackBeforeProductionMoves() {
    try (var phases = harness.watchPhases("ebad")) {
      harness.apply(
          ecs("ebad").env("SIM_ERROR_RATE", "1").analysis(onTestListener("smoke", 3)).build());

      var status = harness.awaitPhase("ebad", Phase.RolledBack);

      assertThat(phases.phases())
          .contains(Phase.TestTraffic, Phase.RollingBack)
          .doesNotContain(Phase.AwaitingPromotion, Phase.ShiftingTraffic, Phase.Baking);
      assertThat(status.message())
          .startsWith("Rolled back: analysis check smoke failed")
          .contains("0/5 good from " + testListenerUrl("ebad"))
          .contains("5 answered 500");
      assertThat(only(status).verdict()).isEqualTo(Verdict.Failed);
      var deployment = harness.serviceDeployments("ebad").get(0);
      assertThat(deployment.statusAsString()).isEqualTo("ROLLBACK_SUCCESSFUL");
      assertThat(deployment.targetServiceRevision().requestedProductionTrafficWeight()).isZero();
      assertThat(harness.servingTaskDefinitions("ebad"))
          .singleElement()
          .satisfies(arn -> assertThat(arn).endsWith("ebad:1"));
    }
  }

  @Test
  void rulesTheReleaseNamesAreTheOnesMeasured() {
    var own =
        new EcsTrafficResources(
            harness.sim.targetGroupArn("eown-green"),
            harness.sim.listenerRuleArn("eown-lb", World.ListenerKind.PRODUCTION),
            harness.sim.listenerRuleArn("eown-lb", World.ListenerKind.TEST),
            "arn:aws:iam::123456789012:role/ecsInfrastructureRoleForLoadBalancers");
    harness.apply(
        release("eown")
            .ecs(new EcsSpec(EcsStrategy.BlueGreen, null, null, 0, own, null, null))
            .analysis(onTestListener("smoke", 2))
            .build());

    var status = harness.awaitPhase("eown", Phase.Succeeded);

    assertThat(only(status).verdict()).isEqualTo(Verdict.Passed);
    assertThat(only(status).lastMessage()).contains("from " + testListenerUrl("eown"));
  }

  @Test
  void aServiceWithoutTestListenerRuleIsInconclusiveNeverAPass() {
    harness.apply(ecs("enone").analysis(onTestListener("smoke", 1)).build());

    var status =
        harness.awaitRelease(
            "enone", s -> s.analysis() != null && s.analysis().get(0).inconclusive() >= 2);

    var smoke = only(status);
    assertThat(smoke.verdict()).isEqualTo(Verdict.Running);
    assertThat(smoke.runs()).isEqualTo(smoke.inconclusive());
    assertThat(smoke.lastMessage())
        .isEqualTo(
            "the Test listener could not be resolved: ECS service prod/enone has no"
                + " loadBalancers[].advancedConfiguration.testListenerRule");
    assertThat(status.phase()).isEqualTo(Phase.TestTraffic);
    assertThat(harness.serviceDeployments("enone").get(0).statusAsString())
        .isEqualTo("IN_PROGRESS");
    assertThat(
            harness
                .serviceDeployments("enone")
                .get(0)
                .targetServiceRevision()
                .requestedProductionTrafficWeight())
        .isZero();
  }

  private static Releases ecs(String lane) {
    return release(lane).ecs(new EcsSpec(EcsStrategy.BlueGreen, null, null, 0, null, null, null));
  }

  /** What the ELB API says the lane's test listener is: its load balancer's DNS name and port. */
  private String testListenerUrl(String lane) {
    return "http://localhost:%d/health"
        .formatted(harness.sim.listenerPort(lane + "-lb", World.ListenerKind.TEST));
  }

  private static AnalysisCheckStatus only(EcsBlueGreenReleaseStatus status) {
    assertThat(status.analysis()).hasSize(1);
    return status.analysis().get(0);
  }
}
