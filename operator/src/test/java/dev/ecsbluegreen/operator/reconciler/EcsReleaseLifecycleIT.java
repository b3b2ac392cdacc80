package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static dev.ecsbluegreen.operator.reconciler.ReleaseLifecycleIT.condition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsAlarms;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsCanary;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsLifecycleHook;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsLifecycleHook.EcsHookStage;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsLinear;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec.EcsStrategy;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ECS native releases that run to their end on their own: each strategy, a failing hook, an alarm.
 * The simulator serves ECS's service deployment APIs; assertions read the status, the events and
 * the calls the operator made.
 */
class EcsReleaseLifecycleIT extends HarnessScenarios {
  static final String HOOK_ROLE = "arn:aws:iam::123456789012:role/ecsHookRole";

  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return OperatorHarness.ecsNative(
        kubernetes, "nbluegreen", "nlinear", "ncanary", "nhookfail", "nalarm");
  }

  static EcsSpec strategy(EcsStrategy strategy, EcsLinear linear, EcsCanary canary) {
    return new EcsSpec(strategy, linear, canary, 0, null, null, null);
  }

  static String function(String name) {
    return "arn:aws:lambda:us-east-1:123456789012:function:" + name;
  }

  /** A Lambda hook of the simulator's at one stage, with ECS's defaults for the rest. */
  static EcsLifecycleHook hook(String function, EcsHookStage stage) {
    return new EcsLifecycleHook(function(function), HOOK_ROLE, List.of(stage), null, null, null);
  }

  @Test
  void blueGreenReleaseSucceedsWithOneUpdateServiceAndTheEcsEngineOnTheStatus() {
    long updates = harness.sim.callLog().count("UpdateService");
    harness.apply(
        release("nbluegreen")
            .image("example/nbluegreen:2")
            .ecs(strategy(EcsStrategy.BlueGreen, null, null))
            .build());

    var status = harness.awaitPhase("nbluegreen", Phase.Succeeded);

    assertThat(status.engine()).isEqualTo("ECS");
    assertThat(condition(status, "Ready")).isEqualTo("True");
    assertThat(condition(status, "Stalled")).isEqualTo("False");
    assertThat(status.deploymentId()).contains(":service-deployment/prod/nbluegreen/");
    assertThat(status.deploymentStatus()).isEqualTo("SUCCESSFUL");
    assertThat(status.deploymentConfig()).isEqualTo("BLUE_GREEN");
    assertThat(status.taskDefinition()).isEqualTo("nbluegreen:2");
    assertThat(status.previousTaskDefinitionArn()).endsWith("nbluegreen:1");
    assertThat(status.traffic().green()).isEqualTo(100);
    assertThat(status.lifecycleEvents()).extracting(e -> e.status()).containsOnly("Succeeded");
    assertThat(status.history()).extracting(h -> h.outcome()).containsExactly(Phase.Succeeded);
    assertThat(harness.sim.callLog().count("UpdateService") - updates).isEqualTo(1);
    assertThat(harness.serviceDeployments("nbluegreen"))
        .singleElement()
        .satisfies(d -> assertThat(d.serviceDeploymentArn()).isEqualTo(status.deploymentId()));
    assertThat(harness.servingTaskDefinitions("nbluegreen"))
        .singleElement()
        .satisfies(arn -> assertThat(arn).endsWith("nbluegreen:2"));
    harness.awaitEvents(
        "nbluegreen",
        events ->
            assertThat(events)
                .extracting(e -> e.getReason())
                .contains("DeploymentRequested", "DeploymentSucceeded"));
  }

  @Test
  void linearShowsEachStepOfProductionTraffic() {
    harness.apply(
        release("nlinear").ecs(strategy(EcsStrategy.Linear, new EcsLinear(50.0, 5), null)).build());
    List<Integer> greens = new ArrayList<>();

    var status =
        harness.awaitRelease(
            "nlinear",
            s -> {
              if (s.phase() == Phase.ShiftingTraffic && s.traffic() != null) {
                greens.add(s.traffic().green());
              }
              return s.phase() == Phase.Succeeded;
            });

    assertThat(greens).contains(50);
    assertThat(status.deploymentConfig()).isEqualTo("LINEAR 50% every 5 min");
  }

  @Test
  void canaryShowsItsShareBeforeTheRest() {
    harness.apply(
        release("ncanary").ecs(strategy(EcsStrategy.Canary, null, new EcsCanary(10.0, 5))).build());
    List<Integer> greens = new ArrayList<>();

    harness.awaitRelease(
        "ncanary",
        s -> {
          if (s.phase() == Phase.ShiftingTraffic && s.traffic() != null) {
            greens.add(s.traffic().green());
          }
          return s.phase() == Phase.Succeeded;
        });

    assertThat(greens).contains(10);
    assertThat(harness.servingTaskDefinitions("ncanary"))
        .singleElement()
        .satisfies(arn -> assertThat(arn).endsWith("ncanary:2"));
  }

  @Test
  void failingHookRollsBackAndStallsNamingTheHook() {
    var hook = hook("CodeDeployHook_fail", EcsHookStage.POST_TEST_TRAFFIC_SHIFT);
    harness.apply(
        release("nhookfail")
            .ecs(new EcsSpec(EcsStrategy.BlueGreen, null, null, 0, null, List.of(hook), null))
            .build());
    List<Phase> seen = new ArrayList<>();

    var status =
        harness.awaitRelease(
            "nhookfail",
            s -> {
              seen.add(s.phase());
              return s.phase() == Phase.RolledBack;
            });

    assertThat(seen).doesNotContain(Phase.Succeeded);
    harness.awaitEvents(
        "nhookfail",
        events ->
            assertThat(events)
                .extracting(e -> e.getReason())
                .contains("RollingBack")
                .doesNotContain("DeploymentSucceeded"));
    assertThat(condition(status, "Stalled")).isEqualTo("True");
    assertThat(condition(status, "Ready")).isEqualTo("False");
    assertThat(status.deploymentStatus()).isEqualTo("ROLLBACK_SUCCESSFUL");
    assertThat(status.rollbackDeploymentId()).isEqualTo(status.deploymentId());
    assertThat(status.message()).startsWith("Rolled back: ").contains("CodeDeployHook_fail");
    assertThat(status.traffic().green()).isZero();
    assertThat(status.history()).extracting(h -> h.outcome()).containsExactly(Phase.RolledBack);
    assertThat(harness.servingTaskDefinitions("nhookfail"))
        .singleElement()
        .satisfies(arn -> assertThat(arn).endsWith("nhookfail:1"));
    assertThat(harness.serviceDeployments("nhookfail")).hasSize(1);
  }

  @Test
  void alarmDuringTheShiftRollsBackAndNeverReportsSuccess() {
    harness.apply(
        release("nalarm")
            .ecs(
                new EcsSpec(
                    EcsStrategy.Canary,
                    null,
                    new EcsCanary(10.0, 30),
                    0,
                    null,
                    null,
                    new EcsAlarms(List.of("nalarm-5xx"), true)))
            .build());
    harness.awaitRelease(
        "nalarm", s -> s.phase() == Phase.ShiftingTraffic && s.traffic().green() == 10);

    harness.sim.faults().alarmNow("nalarm-5xx");
    var status = harness.awaitPhase("nalarm", Phase.RolledBack);

    assertThat(status.message()).contains("nalarm-5xx");
    assertThat(condition(status, "Stalled")).isEqualTo("True");
    assertThat(harness.servingTaskDefinitions("nalarm"))
        .singleElement()
        .satisfies(arn -> assertThat(arn).endsWith("nalarm:1"));
    harness.awaitEvents(
        "nalarm",
        events ->
            assertThat(events)
                .extracting(e -> e.getReason())
                .contains("TrafficShifting", "RolledBack")
                .doesNotContain("DeploymentSucceeded"));
  }
}
