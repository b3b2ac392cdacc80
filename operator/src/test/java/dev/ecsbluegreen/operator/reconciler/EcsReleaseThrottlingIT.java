package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static dev.ecsbluegreen.operator.reconciler.EcsReleaseLifecycleIT.hook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.ActionResult;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsCanary;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsLifecycleHook.EcsHookStage;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec.EcsStrategy;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.operator.fixtures.Releases;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ECS native releases while AWS throttles the operator: throttled reads, and each call that changes
 * AWS throttled more often than the SDK retries it (two attempts here), so JOSDK's retry carries it
 * on. A throttled call was never applied: each is retried until it goes through, and takes effect
 * once.
 */
class EcsReleaseThrottlingIT extends HarnessScenarios {
  /** More refusals than one pass's two SDK attempts absorb, so a later pass must call again. */
  private static final int REFUSALS = 3;

  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return OperatorHarness.ecsNative(
        kubernetes,
        "ntreads",
        "ntupdate",
        "ntcontinue",
        "ntstop",
        "ntmixed1",
        "ntmixed2",
        "ntmixed3");
  }

  @AfterEach
  void clearFaults() {
    harness.sim.faults().clear();
  }

  private static Releases blueGreen(String lane) {
    return release(lane).ecs(new EcsSpec(EcsStrategy.BlueGreen, null, null, 0, null, null, null));
  }

  @Test
  void throttledReadsAreRetriedAndTheReleaseStillSucceeds() {
    harness.sim.faults().throttle("DescribeServiceDeployments", 0.5);

    harness.apply(blueGreen("ntreads").build());
    var status = harness.awaitPhase("ntreads", Phase.Succeeded);

    assertThat(harness.sim.callLog().count("DescribeServiceDeployments")).isPositive();
    assertThat(harness.serviceDeployments("ntreads")).hasSize(1);
    assertThat(status.history()).hasSize(1);
  }

  @Test
  void throttledUpdateServiceIsRetriedAndStartsOneDeployment() {
    var calls = new Calls("UpdateService");
    harness.sim.faults().throttleNext("UpdateService", REFUSALS);

    harness.apply(blueGreen("ntupdate").build());
    var status = harness.awaitPhase("ntupdate", Phase.Succeeded);

    calls.assertRefusedThenAppliedOnce();
    assertThat(harness.serviceDeployments("ntupdate"))
        .singleElement()
        .satisfies(d -> assertThat(d.serviceDeploymentArn()).isEqualTo(status.deploymentId()));
    assertThat(harness.servingTaskDefinitions("ntupdate"))
        .singleElement()
        .satisfies(arn -> assertThat(arn).endsWith("ntupdate:2"));
  }

  @Test
  void throttledContinueIsRetriedAndPromotesOnce() {
    harness.apply(blueGreen("ntcontinue").manualPromotion().build());
    harness.awaitPhase("ntcontinue", Phase.AwaitingPromotion);
    var calls = new Calls("ContinueServiceDeployment");
    harness.sim.faults().throttleNext("ContinueServiceDeployment", REFUSALS);

    harness.annotate("ntcontinue", Actions.PROMOTE, "go");
    var status = harness.awaitPhase("ntcontinue", Phase.Succeeded);

    calls.assertRefusedThenAppliedOnce();
    assertThat(status.actions().promote().result()).isEqualTo(ActionResult.Applied);
    assertThat(harness.serviceDeployments("ntcontinue")).hasSize(1);
  }

  @Test
  void throttledStopIsRetriedAndRollsBackOnce() {
    // During the bake a rollback is a stop (at the PAUSE hook it would answer the hook).
    harness.apply(
        release("ntstop")
            .ecs(new EcsSpec(EcsStrategy.BlueGreen, null, null, 60, null, null, null))
            .build());
    harness.awaitPhase("ntstop", Phase.Baking);
    var calls = new Calls("StopServiceDeployment");
    harness.sim.faults().throttleNext("StopServiceDeployment", REFUSALS);

    harness.annotate("ntstop", Actions.ROLLBACK, "INC-11");
    var status = harness.awaitPhase("ntstop", Phase.RolledBack);

    calls.assertRefusedThenAppliedOnce();
    assertThat(status.actions().rollback().result()).isEqualTo(ActionResult.Applied);
    assertThat(harness.serviceDeployments("ntstop"))
        .singleElement()
        .satisfies(d -> assertThat(d.statusAsString()).isEqualTo("ROLLBACK_SUCCESSFUL"));
    assertThat(harness.servingTaskDefinitions("ntstop"))
        .singleElement()
        .satisfies(arn -> assertThat(arn).endsWith("ntstop:1"));
  }

  @Test
  void everyReleaseEndsCorrectlyUnderTwentyPercentThrottling() {
    var failingHook = hook("CodeDeployHook_fail", EcsHookStage.POST_TEST_TRAFFIC_SHIFT);
    harness.sim.faults().throttle("*", 0.2);

    harness.apply(
        release("ntmixed1")
            .ecs(new EcsSpec(EcsStrategy.Canary, null, new EcsCanary(10.0, 5), 0, null, null, null))
            .build());
    harness.apply(blueGreen("ntmixed2").build());
    harness.apply(
        release("ntmixed3")
            .ecs(
                new EcsSpec(EcsStrategy.BlueGreen, null, null, 0, null, List.of(failingHook), null))
            .build());

    harness.awaitPhase("ntmixed1", Phase.Succeeded);
    harness.awaitPhase("ntmixed2", Phase.Succeeded);
    harness.awaitPhase("ntmixed3", Phase.RolledBack);
    harness.sim.faults().clear();
    for (String lane : List.of("ntmixed1", "ntmixed2", "ntmixed3")) {
      assertThat(harness.serviceDeployments(lane)).hasSize(1);
      assertThat(harness.revisions(lane)).hasSize(2);
    }
    assertThat(harness.sim.callLog().all())
        .anySatisfy(call -> assertThat(call.outcome()).isEqualTo("ThrottlingException"));
  }

  /** One operation's calls from now on. */
  private final class Calls {
    private final String operation;
    private final long before;
    private final long okBefore;

    Calls(String operation) {
      this.operation = operation;
      this.before = harness.sim.callLog().count(operation);
      this.okBefore = harness.sim.callLog().countOk(operation);
    }

    /** Every refusal was followed by another call, and exactly one went through. */
    void assertRefusedThenAppliedOnce() {
      assertThat(harness.sim.callLog().countOk(operation) - okBefore)
          .as("%s calls applied", operation)
          .isEqualTo(1);
      assertThat(harness.sim.callLog().count(operation) - before)
          .as("%s calls made", operation)
          .isEqualTo(REFUSALS + 1);
    }
  }
}
