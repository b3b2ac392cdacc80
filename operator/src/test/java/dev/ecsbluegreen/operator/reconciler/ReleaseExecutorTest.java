package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Deployments.deployment;
import static dev.ecsbluegreen.operator.reconciler.ReleasePlannerTest.release;
import static dev.ecsbluegreen.operator.reconciler.ReleasePlannerTest.tracking;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.fixtures.FakeCodeDeployGateway;
import dev.ecsbluegreen.operator.fixtures.Passes;
import dev.ecsbluegreen.operator.fixtures.Releases;
import dev.ecsbluegreen.operator.reconciler.Plan.Ack;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the executor sends to AWS: the deployment configuration a spec names (or none), and actions
 * whose AWS call finds nothing to act on answered as not applied, saying why.
 */
class ReleaseExecutorTest {
  final FakeCodeDeployGateway codeDeploy = new FakeCodeDeployGateway();
  final ReleaseExecutor executor = new ReleaseExecutor(codeDeploy.access(), new FirstAttempts());

  @Test
  void rollbackOfARunningDeploymentStaysApplied() {
    codeDeploy.put(deployment("d-1").at("AllowTraffic").build());
    var plan = stop("d-1", new Ack(Actions.ROLLBACK, "v1", true, "Stopped deployment d-1"));

    var done =
        executor.execute(
            Passes.codeDeploy(release(1, tracking(1, "d-1")), codeDeploy.access()), plan);

    assertThat(done).isSameAs(plan);
    assertThat(codeDeploy.calls).contains("StopDeployment d-1 rollback=true");
  }

  @Test
  void rollbackOfADeploymentThatEndedMeanwhileIsReportedNotApplied() {
    codeDeploy.put(deployment("d-1").stopped("MANUAL_STOP", "x").build());
    var plan = stop("d-1", new Ack(Actions.ROLLBACK, "v1", true, "Stopped deployment d-1"));

    var done =
        executor.execute(
            Passes.codeDeploy(release(1, tracking(1, "d-1")), codeDeploy.access()), plan);

    assertThat(done.acks())
        .containsExactly(
            new Ack(Actions.ROLLBACK, "v1", false, "deployment d-1 had already ended"));
    assertThat(done.decision()).isEqualTo(plan.decision());
    assertThat(done.report()).isEqualTo(plan.report());
  }

  @Test
  void stopWithoutAnActionLeavesThePlanAlone() {
    codeDeploy.put(deployment("d-1").stopped("MANUAL_STOP", "x").build());
    var plan = stop("d-1", null);

    var done =
        executor.execute(
            Passes.codeDeploy(release(1, tracking(1, "d-1")), codeDeploy.access()), plan);

    assertThat(done).isSameAs(plan);
  }

  @Test
  void deploymentWithoutConfigOrRoutingNamesNoConfigSoTheGroupsApplies() {
    var release = release(1, null, Releases.release("web"));

    executor.execute(Passes.codeDeploy(release, codeDeploy.access()), create());

    assertThat(codeDeploy.created)
        .singleElement()
        .satisfies(r -> assertThat(r.deploymentConfig()).isNull());
  }

  @Test
  void deploymentNamesTheConfigTheSpecNames() {
    var release =
        release(
            1,
            null,
            Releases.release("web")
                .deploymentConfig("CodeDeployDefault.ECSLinear10PercentEvery1Minutes"));

    executor.execute(Passes.codeDeploy(release, codeDeploy.access()), create());

    assertThat(codeDeploy.created)
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.deploymentConfig())
                    .isEqualTo("CodeDeployDefault.ECSLinear10PercentEvery1Minutes"));
  }

  private static Plan create() {
    var report = Report.reconciling(Phase.Deploying, Reasons.DEPLOYMENT_CREATED, "Creating");
    return new Plan(
        new Decision.Start("arn:aws:ecs:us-east-1:123456789012:task-definition/web:2"),
        Facts.from(null),
        report,
        null);
  }

  private static Plan stop(String id, Ack ack) {
    var report = Report.reconciling(Phase.RollingBack, Reasons.ROLLING_BACK, "Rolling back " + id);
    return new Plan(
        new Decision.Stop(id), Facts.from(null), report, ack == null ? List.of() : List.of(ack));
  }
}
