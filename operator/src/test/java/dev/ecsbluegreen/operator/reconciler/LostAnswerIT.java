package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.aws.AwsClientSettings;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.simulator.http.Faults.ServerError;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Lost AWS answers under the production SDK retry settings: the SDK must not repeat a mutation
 * whose answer was lost, because AWS may already have applied it; the reconciler's next pass finds
 * what it made instead.
 */
class LostAnswerIT extends HarnessScenarios {
  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return new OperatorHarness(
        kubernetes,
        AwsClientSettings.DEFAULT_MAX_ATTEMPTS,
        "lostreg",
        "lostcreate",
        "endedok",
        "endedfail");
  }

  @AfterEach
  void clearFaults() {
    harness.sim.faults().clear();
  }

  @Test
  void lostRegisterAnswerIsNotRetriedIntoASecondRevision() {
    harness.createGroup("lostreg", 0);
    int before = harness.revisions("lostreg").size();
    long registers = harness.sim.callLog().count("RegisterTaskDefinition");
    harness.sim.faults().applyThenDropNext("RegisterTaskDefinition", 1);

    harness.apply(release("lostreg").build());
    var status = harness.awaitPhase("lostreg", Phase.Succeeded);

    assertThat(harness.revisions("lostreg")).hasSize(before + 1);
    assertThat(harness.sim.callLog().count("RegisterTaskDefinition") - registers).isEqualTo(1);
    assertThat(harness.deployments("lostreg")).hasSize(1);
    assertThat(status.deploymentId())
        .isEqualTo(harness.deployments("lostreg").get(0).deploymentId());
    assertThat(harness.runningTaskDefinition("lostreg")).endsWith("lostreg:" + (before + 1));
  }

  @Test
  void lostCreateAnswerIsNotRetriedIntoASecondDeployment() {
    harness.createGroup("lostcreate", 0);
    long creates = harness.sim.callLog().count("CreateDeployment");
    harness.sim.faults().applyThenDropNext("CreateDeployment", 1);

    harness.apply(release("lostcreate").build());
    var status = harness.awaitPhase("lostcreate", Phase.Succeeded);

    assertThat(harness.deployments("lostcreate")).hasSize(1);
    assertThat(harness.sim.callLog().count("CreateDeployment") - creates).isEqualTo(1);
    assertThat(status.deploymentId())
        .isEqualTo(harness.deployments("lostcreate").get(0).deploymentId());
  }

  @Test
  void deploymentThatSucceededWhileTheOperatorWasDownIsAdopted() {
    loseTheCreateAnswerUntilTheDeploymentEnds("endedok", release("endedok").build());

    var status = harness.awaitPhase("endedok", Phase.Succeeded);

    var deployments = harness.deployments("endedok");
    assertThat(deployments).hasSize(1);
    assertThat(status.deploymentId()).isEqualTo(deployments.get(0).deploymentId());
    assertThat(status.history()).hasSize(1);
    assertThat(status.history().get(0).deploymentId()).isEqualTo(status.deploymentId());
  }

  @Test
  void deploymentThatRolledBackWhileTheOperatorWasDownIsNotCreatedAgain() {
    String before = harness.runningTaskDefinition("endedfail");
    loseTheCreateAnswerUntilTheDeploymentEnds(
        "endedfail",
        release("endedfail").hook("afterAllowTestTraffic", "CodeDeployHook_fail").build());

    var status = harness.awaitPhase("endedfail", Phase.RolledBack);
    // Time moves on: a release that lost track of its deployment would create another one now.
    harness.clock.advance(Duration.ofMinutes(5));

    var deployments = harness.deployments("endedfail");
    assertThat(deployments).hasSize(1);
    assertThat(status.deploymentId()).isEqualTo(deployments.get(0).deploymentId());
    assertThat(status.rollbackDeploymentId()).isNotNull();
    assertThat(harness.status("endedfail").phase()).isEqualTo(Phase.RolledBack);
    // The status write that carried it was lost with the create's answer: the service, rolled
    // back, says which revision it ran before.
    assertThat(status.previousTaskDefinitionArn()).isEqualTo(before);
    assertThat(harness.runningTaskDefinition("endedfail")).isEqualTo(before);
  }

  /**
   * CreateDeployment is applied but its answer lost; the operator cannot read the deployment
   * (BatchGetDeployments fails, and nothing before the create calls it) until it is stopped. While
   * it is down the deployment runs to its end.
   */
  private void loseTheCreateAnswerUntilTheDeploymentEnds(
      String lane, dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease release) {
    harness.createGroup(lane, 0);
    harness.sim.faults().applyThenDropNext("CreateDeployment", 1);
    harness.sim.faults().serverError("BatchGetDeployments", 1.0, ServerError.INTERNAL_FAILURE);

    long reads = harness.sim.callLog().count("BatchGetDeployments");
    harness.apply(release);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> harness.sim.callLog().count("BatchGetDeployments") > reads);
    harness.stopOperator();
    harness.sim.faults().clear();
    assertThat(harness.status(lane).deploymentId()).isNull();
    for (int i = 0; i < 120 && !ended(lane); i++) {
      harness.clock.advance(Duration.ofSeconds(30));
    }
    assertThat(ended(lane)).isTrue();
    harness.startOperator();
  }

  private boolean ended(String lane) {
    var deployments = harness.deployments(lane);
    return deployments.size() == 1
        && switch (deployments.get(0).status()) {
          case SUCCEEDED, FAILED, STOPPED -> true;
          default -> false;
        };
  }
}
