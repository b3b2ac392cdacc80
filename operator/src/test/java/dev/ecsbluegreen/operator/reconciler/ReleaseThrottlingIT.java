package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import org.junit.jupiter.api.Test;

/**
 * AWS throttling a fifth of all calls: the SDK retries (two attempts here), what gets through
 * reaches JOSDK's retry, and every release still ends the way it should, once.
 */
class ReleaseThrottlingIT extends HarnessScenarios {
  static final String[] LANES = {"throttle1", "throttle2", "throttle3"};

  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return new OperatorHarness(kubernetes, LANES);
  }

  @Test
  void everyReleaseEndsCorrectlyUnderTwentyPercentThrottling() {
    for (String lane : LANES) {
      harness.createGroup(lane, 0);
    }
    harness.sim.faults().throttle("*", 0.2);

    harness.apply(release("throttle1").canary(10, 5).build());
    harness.apply(release("throttle2").build());
    harness.apply(
        release("throttle3").hook("afterAllowTestTraffic", "CodeDeployHook_fail").build());

    harness.awaitPhase("throttle1", Phase.Succeeded);
    harness.awaitPhase("throttle2", Phase.Succeeded);
    harness.awaitPhase("throttle3", Phase.RolledBack);
    harness.sim.faults().clear();
    for (String lane : LANES) {
      assertThat(harness.deployments(lane)).hasSize(1);
      assertThat(harness.revisions(lane)).hasSize(2);
    }
    assertThat(harness.sim.callLog().all())
        .anySatisfy(call -> assertThat(call.outcome()).isEqualTo("ThrottlingException"));
  }
}
