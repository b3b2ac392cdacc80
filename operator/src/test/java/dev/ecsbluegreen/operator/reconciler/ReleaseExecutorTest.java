package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Deployments.deployment;
import static dev.ecsbluegreen.operator.reconciler.ReleasePlannerTest.release;
import static dev.ecsbluegreen.operator.reconciler.ReleasePlannerTest.tracking;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.fixtures.FakeCodeDeployGateway;
import dev.ecsbluegreen.operator.reconciler.Plan.Ack;
import org.junit.jupiter.api.Test;

/** An action whose AWS call finds nothing to act on is answered as not applied, saying why. */
class ReleaseExecutorTest {
  final FakeCodeDeployGateway codeDeploy = new FakeCodeDeployGateway();
  final ReleaseExecutor executor = new ReleaseExecutor(codeDeploy.access());

  @Test
  void rollbackOfARunningDeploymentStaysApplied() {
    codeDeploy.put(deployment("d-1").at("AllowTraffic").build());
    var plan = stop("d-1", new Ack(Actions.ROLLBACK, true, "Stopped deployment d-1"));

    var done = executor.execute(release(1, tracking(1, "d-1")), plan);

    assertThat(done).isSameAs(plan);
    assertThat(codeDeploy.calls).contains("StopDeployment d-1 rollback=true");
  }

  @Test
  void rollbackOfADeploymentThatEndedMeanwhileIsReportedNotApplied() {
    codeDeploy.put(deployment("d-1").stopped("MANUAL_STOP", "x").build());
    var plan = stop("d-1", new Ack(Actions.ROLLBACK, true, "Stopped deployment d-1"));

    var done = executor.execute(release(1, tracking(1, "d-1")), plan);

    assertThat(done.ack())
        .isEqualTo(new Ack(Actions.ROLLBACK, false, "deployment d-1 had already ended"));
    assertThat(done.decision()).isEqualTo(plan.decision());
    assertThat(done.report()).isEqualTo(plan.report());
  }

  @Test
  void stopWithoutAnActionLeavesThePlanAlone() {
    codeDeploy.put(deployment("d-1").stopped("MANUAL_STOP", "x").build());
    var plan = stop("d-1", null);

    var done = executor.execute(release(1, tracking(1, "d-1")), plan);

    assertThat(done).isSameAs(plan);
  }

  private static Plan stop(String id, Ack ack) {
    var report = Report.reconciling(Phase.RollingBack, Reasons.ROLLING_BACK, "Rolling back " + id);
    return new Plan(new Decision.StopDeployment(id), Facts.from(null), report, ack);
  }
}
