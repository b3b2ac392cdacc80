package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Releases that run to their end on their own: success, canary, nothing to deploy, hook failure.
 */
class ReleaseLifecycleIT extends HarnessScenarios {
  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return new OperatorHarness(kubernetes, "happy", "canary", "same", "hookfail", "alarm");
  }

  @Test
  void releasesNewImageToSucceededAndReady() {
    harness.createGroup("happy", 0);
    harness.apply(release("happy").image("example/happy:2").build());

    var status = harness.awaitPhase("happy", Phase.Succeeded);

    assertThat(status.observedGeneration()).isEqualTo(1L);
    assertThat(condition(status, "Ready")).isEqualTo("True");
    assertThat(condition(status, "Reconciling")).isEqualTo("False");
    assertThat(condition(status, "Stalled")).isEqualTo("False");
    assertThat(status.traffic().green()).isEqualTo(100);
    assertThat(status.taskDefinition()).isEqualTo("happy:2");
    assertThat(status.previousTaskDefinitionArn()).endsWith("happy:1");
    assertThat(status.deploymentId()).isNotNull();
    assertThat(status.startedAt()).isNotNull();
    assertThat(status.completedAt()).isNotNull();
    assertThat(status.lifecycleEvents()).extracting(e -> e.status()).containsOnly("Succeeded");
    assertThat(status.history()).hasSize(1);
    assertThat(status.history().get(0).outcome()).isEqualTo(Phase.Succeeded);
    assertThat(harness.runningTaskDefinition("happy")).endsWith("happy:2");
    assertThat(harness.deployments("happy")).hasSize(1);
    harness.awaitEvents(
        "happy",
        events ->
            assertThat(events).extracting(e -> e.getReason()).contains("DeploymentSucceeded"));
  }

  @Test
  void canaryShowsTenPercentOnGreenBeforeTheRest() {
    harness.createGroup("canary", 0);
    harness.apply(release("canary").canary(10, 5).build());
    List<Integer> greens = new ArrayList<>();

    harness.awaitRelease(
        "canary",
        s -> {
          if (s.traffic() != null && s.phase() == Phase.ShiftingTraffic) {
            greens.add(s.traffic().green());
          }
          return s.phase() == Phase.Succeeded;
        });

    assertThat(greens).contains(10);
    assertThat(harness.status("canary").message()).contains("canary:2");
  }

  @Test
  void deploysNothingWhenTheServiceAlreadyRunsTheDefinition() {
    harness.createGroup("same", 0);
    harness.apply(release("same").image("same:latest").env("GREETING", "hello").build());

    var status = harness.awaitPhase("same", Phase.Succeeded);

    assertThat(condition(status, "Ready")).isEqualTo("True");
    assertThat(status.message()).contains("Nothing changed");
    assertThat(harness.deployments("same")).isEmpty();
    assertThat(harness.revisions("same")).hasSize(1);
  }

  @Test
  void failingHookRollsBackAndStallsNamingTheHook() {
    harness.createGroup("hookfail", 0);
    harness.apply(release("hookfail").hook("afterAllowTestTraffic", "CodeDeployHook_fail").build());

    List<Phase> seen = new ArrayList<>();
    List<String> ready = new ArrayList<>();

    var status =
        harness.awaitRelease(
            "hookfail",
            s -> {
              seen.add(s.phase());
              ready.add(condition(s, "Ready"));
              return s.phase() == Phase.RolledBack;
            });

    assertThat(seen).doesNotContain(Phase.Succeeded);
    assertThat(ready).doesNotContain("True");

    assertThat(condition(status, "Stalled")).isEqualTo("True");
    assertThat(condition(status, "Ready")).isEqualTo("False");
    assertThat(status.message()).contains("AfterAllowTestTraffic hook failed");
    assertThat(status.rollbackDeploymentId()).isNotNull();
    assertThat(status.traffic().green()).isZero();
    assertThat(status.history().get(0).outcome()).isEqualTo(Phase.RolledBack);
    assertThat(harness.deployments("hookfail")).hasSize(1);
    assertThat(harness.runningTaskDefinition("hookfail")).endsWith("hookfail:1");
  }

  @Test
  void alarmDuringTheShiftRollsBackAndNeverReportsSuccess() {
    harness.createGroup("alarm", 0);
    harness.apply(release("alarm").canary(10, 30).rollbackOnAlarm("alarm-5xx").build());
    harness.awaitRelease("alarm", s -> s.phase() == Phase.ShiftingTraffic);

    harness.sim.faults().alarmNow("alarm-5xx");
    var status = harness.awaitPhase("alarm", Phase.RolledBack);

    assertThat(status.message()).contains("ALARM_ACTIVE");
    assertThat(condition(status, "Stalled")).isEqualTo("True");
    assertThat(status.history()).extracting(h -> h.outcome()).containsExactly(Phase.RolledBack);
    assertThat(harness.runningTaskDefinition("alarm")).endsWith("alarm:1");
    harness.awaitEvents(
        "alarm",
        events ->
            assertThat(events)
                .extracting(e -> e.getReason())
                .contains("DeploymentRequested", "TrafficShifting", "RolledBack")
                .doesNotContain("DeploymentSucceeded"));
  }

  static String condition(EcsBlueGreenReleaseStatus status, String type) {
    return Conditions.find(status.conditions(), type).map(c -> c.getStatus()).orElse(null);
  }
}
