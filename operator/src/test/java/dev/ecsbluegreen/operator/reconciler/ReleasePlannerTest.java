package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Deployments.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.aws.DeploymentDescription;
import dev.ecsbluegreen.operator.aws.DeploymentGroupState;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot;
import dev.ecsbluegreen.operator.aws.DeploymentState;
import dev.ecsbluegreen.operator.aws.ReleaseIdentity;
import dev.ecsbluegreen.operator.aws.ServiceState;
import dev.ecsbluegreen.operator.errors.AwsAccessException;
import dev.ecsbluegreen.operator.fixtures.Passes;
import dev.ecsbluegreen.operator.fixtures.Releases;
import dev.ecsbluegreen.operator.reconciler.Conditions.Health;
import dev.ecsbluegreen.operator.reconciler.Observation.Stage;
import dev.ecsbluegreen.operator.reconciler.codedeploy.PreparingReads;
import dev.ecsbluegreen.operator.taskdef.TaskDefinitionPlan;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One test per rule of the planner; pure, no Kubernetes and no AWS. */
public class ReleasePlannerTest {
  static final Instant NOW = Instant.parse("2025-01-01T01:00:00Z");
  public static final String UID = "uid-1";
  static final String RUNNING = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:1";
  static final String WANTED = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:2";
  static final ServiceState SERVICE =
      new ServiceState("prod", "web", "arn:svc", "ACTIVE", "CODE_DEPLOY", RUNNING);

  final ReleasePlanner planner = new ReleasePlanner();

  @Test
  void newGenerationRecordsItsIntentBeforeAnythingElse() {
    var release = release(2, null);

    var plan = decide(release, Observation.only(Stage.NEW), NOW);

    assertThat(plan.decision()).isInstanceOf(Decision.RecordIntent.class);
    assertThat(plan.facts().releaseToken()).isEqualTo(ReleaseToken.of(UID, 2, 0));
    assertThat(plan.facts().releaseGeneration()).isEqualTo(2L);
    assertThat(plan.report().phase()).isEqualTo(Phase.Pending);
  }

  @Test
  void stageFollowsTheFactsNotThePhase() {
    assertThat(stage(release(1, null))).isEqualTo(Stage.NEW);
    assertThat(stage(release(1, intent(1)))).isEqualTo(Stage.PREPARING);
    assertThat(stage(release(1, tracking(1, "d-1")))).isEqualTo(Stage.TRACKING);
    assertThat(stage(release(2, tracking(1, "d-1")))).isEqualTo(Stage.TRACKING);
    assertThat(stage(release(1, done(1, "d-1", "SUCCEEDED")))).isEqualTo(Stage.SETTLED);
    assertThat(stage(release(2, done(1, "d-1", "SUCCEEDED")))).isEqualTo(Stage.NEW);
  }

  @Test
  void serviceAlreadyRunningTheDefinitionDeploysNothing() {
    var plan =
        preparing(new TaskDefinitionPlan.Use(RUNNING), List.of(), group("CONTINUE_DEPLOYMENT"));

    assertThat(plan.decision()).isInstanceOf(Decision.Observe.class);
    assertThat(plan.report().health()).isEqualTo(Health.READY);
    assertThat(plan.report().reason()).isEqualTo("NothingToDeploy");
    assertThat(plan.facts().completedAt()).isEqualTo(NOW.toString());
    assertThat(plan.facts().history()).hasSize(1);
  }

  @Test
  void changedDefinitionIsRegisteredFirst() {
    var register =
        new TaskDefinitionPlan.Register(
            new ObjectMapper().createObjectNode().put("family", "web"), Map.of(), "h");

    var plan = preparing(register, List.of(), group("CONTINUE_DEPLOYMENT"));

    assertThat(plan.decision()).isInstanceOf(Decision.RegisterTaskDefinition.class);
    assertThat(plan.report().phase()).isEqualTo(Phase.RegisteringTaskDefinition);
  }

  @Test
  void registeredDefinitionIsDeployed() {
    var plan =
        preparing(new TaskDefinitionPlan.Use(WANTED), List.of(), group("CONTINUE_DEPLOYMENT"));

    assertThat(plan.decision()).isEqualTo(new Decision.Start(WANTED));
    assertThat(plan.facts().previousTaskDefinitionArn()).isEqualTo(RUNNING);
  }

  @Test
  void ownDeploymentOfThisTokenIsAdopted() {
    var ours = active(ReleaseToken.of(UID, 1, 0));

    var plan =
        preparing(new TaskDefinitionPlan.Use(WANTED), List.of(ours), group("CONTINUE_DEPLOYMENT"));

    assertThat(plan.decision()).isInstanceOf(Decision.Observe.class);
    assertThat(plan.facts().deploymentId()).isEqualTo("d-ACTIVE");
    assertThat(plan.facts().taskDefinitionArn()).isEqualTo(WANTED);
  }

  @Test
  void ownDeploymentOfAnOlderTokenIsStopped() {
    var older = active(ReleaseToken.of(UID, 0, 0));

    var plan =
        preparing(new TaskDefinitionPlan.Use(WANTED), List.of(older), group("CONTINUE_DEPLOYMENT"));

    assertThat(plan.decision()).isEqualTo(new Decision.Stop("d-ACTIVE"));
  }

  @Test
  void rollbackDeploymentIsWaitedForEvenWhenItCarriesOurDescription() {
    var rollback =
        deployment("d-ROLLBACK")
            .description(
                DeploymentDescription.of(
                    new ReleaseIdentity("default", "web", UID, 0, ReleaseToken.of(UID, 0, 0))))
            .rollbackOf("d-OLD")
            .build();

    var plan =
        preparing(
            new TaskDefinitionPlan.Use(WANTED), List.of(rollback), group("CONTINUE_DEPLOYMENT"));

    assertThat(plan.decision()).isInstanceOf(Decision.Observe.class);
    assertThat(plan.report().reason()).isEqualTo("DeploymentGroupBusy");
  }

  @Test
  void foreignDeploymentIsReportedNotFought() {
    var foreign = deployment("d-FOREIGN").description("by hand").build();

    var plan =
        preparing(
            new TaskDefinitionPlan.Use(WANTED), List.of(foreign), group("CONTINUE_DEPLOYMENT"));

    assertThat(plan.decision()).isInstanceOf(Decision.Observe.class);
    assertThat(plan.report().reason()).isEqualTo("DeploymentGroupBusy");
    assertThat(plan.report().health()).isEqualTo(Health.RECONCILING);
    assertThat(plan.report().message()).contains("d-FOREIGN");
  }

  @Test
  void missingUnmanagedGroupStalls() {
    var plan = preparing(new TaskDefinitionPlan.Use(WANTED), List.of(), Optional.empty());

    assertThat(plan.report().health()).isEqualTo(Health.STALLED);
    assertThat(plan.report().reason()).isEqualTo("DeploymentGroupNotFound");
  }

  @Test
  void serviceWithoutTheCodeDeployControllerStallsSayingHowToMoveToEcs() {
    var ecsControlled = new ServiceState("prod", "web", "arn:svc", "ACTIVE", "ECS", RUNNING);
    var observation =
        PreparingReads.observed(
            ecsControlled,
            group("CONTINUE_DEPLOYMENT"),
            List.of(),
            new TaskDefinitionPlan.Use(WANTED),
            null);

    var plan = decide(release(1, intent(1)), observation, NOW);

    assertThat(plan.report().health()).isEqualTo(Health.STALLED);
    assertThat(plan.report().reason()).isEqualTo("DeploymentControllerMismatch");
    assertThat(plan.report().message())
        .contains("prod/web")
        .contains("CODE_DEPLOY")
        .contains("replace spec.codeDeploy with spec.ecs");
  }

  @Test
  void manualPromotionNeedsAGroupThatWaits() {
    var release = release(1, intent(1), Releases.release("web").manualPromotion());
    var observation =
        PreparingReads.observed(
            SERVICE,
            group("CONTINUE_DEPLOYMENT"),
            List.of(),
            new TaskDefinitionPlan.Use(WANTED),
            null);

    var plan = decide(release, observation, NOW);

    assertThat(plan.report().health()).isEqualTo(Health.STALLED);
    assertThat(plan.report().reason()).isEqualTo("ManualPromotionUnsupported");
  }

  @Test
  void awsRefusalStallsWithItsCode() {
    var observation =
        PreparingReads.refused(new AwsAccessException("denied", "AccessDenied", null));

    var plan = decide(release(1, intent(1)), observation, NOW);

    assertThat(plan.report().health()).isEqualTo(Health.STALLED);
    assertThat(plan.report().reason()).isEqualTo("AwsAccessDenied");
    assertThat(plan.report().message()).contains("AccessDenied");
  }

  @Test
  void trackedDeploymentReportsItsPhase() {
    var plan =
        decide(
            release(1, tracking(1, "d-1")),
            Observation.tracked(deployment("d-1").at("AllowTraffic").green(10).build(), null),
            NOW);

    assertThat(plan.decision()).isInstanceOf(Decision.Observe.class);
    assertThat(plan.report().phase()).isEqualTo(Phase.ShiftingTraffic);
    assertThat(plan.facts().completedAt()).isNull();
  }

  @Test
  void endedDeploymentIsRecordedInTheHistory() {
    var succeeded = deployment("d-1").state(DeploymentState.SUCCEEDED).completedAt(NOW).build();

    var plan = decide(release(1, tracking(1, "d-1")), Observation.tracked(succeeded, null), NOW);

    assertThat(plan.facts().completedAt()).isEqualTo(NOW.toString());
    assertThat(plan.facts().deploymentStatus()).isEqualTo("SUCCEEDED");
    assertThat(plan.facts().history())
        .extracting(h -> h.outcome())
        .containsExactly(Phase.Succeeded);
  }

  @Test
  void newGenerationStopsTheActiveDeploymentWithRollback() {
    var plan =
        decide(
            release(2, tracking(1, "d-1")),
            Observation.tracked(deployment("d-1").at("AllowTraffic").build(), null),
            NOW);

    assertThat(plan.decision()).isEqualTo(new Decision.Stop("d-1"));
    assertThat(plan.report().reason()).isEqualTo("Superseded");
  }

  @Test
  void newGenerationWaitsForTheRollbackToEnd() {
    var stopped = deployment("d-1").stopped("MANUAL_STOP", "stopped").rolledBackBy("d-2").build();

    var plan =
        decide(
            release(2, tracking(1, "d-1")),
            Observation.tracked(stopped, deployment("d-2").at("AllowTraffic").build()),
            NOW);

    assertThat(plan.decision()).isInstanceOf(Decision.Observe.class);
    assertThat(plan.report().phase()).isEqualTo(Phase.RollingBack);
  }

  @Test
  void newGenerationIsDeployedOnceTheRollbackEnded() {
    var stopped = deployment("d-1").stopped("MANUAL_STOP", "stopped").rolledBackBy("d-2").build();
    var rollback = deployment("d-2").state(DeploymentState.SUCCEEDED).build();

    var plan =
        decide(
            release(2, rollingBack(1, "d-1", "d-2")), Observation.tracked(stopped, rollback), NOW);

    assertThat(plan.decision()).isInstanceOf(Decision.RecordIntent.class);
    assertThat(plan.facts().releaseToken()).isEqualTo(ReleaseToken.of(UID, 2, 0));
    assertThat(plan.facts().deploymentId()).isNull();
    assertThat(plan.facts().history().get(0).generation()).isEqualTo(1L);
    assertThat(plan.facts().history().get(0).outcome()).isEqualTo(Phase.RolledBack);
  }

  @Test
  void rollbackFirstSeenAlreadyEndedIsReportedRollingBackAndRecorded() {
    var failed =
        deployment("d-1")
            .failedAt("AfterAllowTestTraffic", "HOOK_EXECUTION_FAILURE", "smoke test failed")
            .rolledBackBy("d-2")
            .build();
    var rollback = deployment("d-2").rollbackOf("d-1").state(DeploymentState.SUCCEEDED).build();

    var first = decide(release(1, tracking(1, "d-1")), Observation.tracked(failed, rollback), NOW);
    var next =
        decide(
            release(1, rollingBack(1, "d-1", "d-2")), Observation.tracked(failed, rollback), NOW);

    assertThat(first.report().phase()).isEqualTo(Phase.RollingBack);
    assertThat(first.facts().rollbackDeploymentId()).isEqualTo("d-2");
    assertThat(first.facts().completedAt()).isNull();
    assertThat(next.report().phase()).isEqualTo(Phase.RolledBack);
    assertThat(next.facts().completedAt()).isNotNull();
  }

  @Test
  void deploymentAwsForgotFailsTheAttempt() {
    var plan = decide(release(1, tracking(1, "d-1")), Observation.tracked(null, null), NOW);

    assertThat(plan.report().phase()).isEqualTo(Phase.Failed);
    assertThat(plan.facts().completedAt()).isNotNull();
  }

  @Test
  void promoteContinuesAReadyDeployment() {
    var release = annotated(release(1, tracking(1, "d-1")), Actions.PROMOTE);

    var plan =
        decide(
            release,
            Observation.tracked(deployment("d-1").state(DeploymentState.READY).build(), null),
            NOW);

    assertThat(plan.decision()).isEqualTo(new Decision.Promote("d-1"));
    assertThat(plan.acks().get(0).applied()).isTrue();
  }

  @Test
  void promoteWithNothingWaitingIsAnsweredAndIgnored() {
    var release = annotated(release(1, tracking(1, "d-1")), Actions.PROMOTE);

    var plan =
        decide(release, Observation.tracked(deployment("d-1").at("Install").build(), null), NOW);

    assertThat(plan.decision()).isInstanceOf(Decision.Observe.class);
    assertThat(plan.acks().get(0).applied()).isFalse();
    assertThat(plan.acks().get(0).message()).contains("nothing waits for a promotion");
  }

  @Test
  void skipBakeEndsTheTerminationWait() {
    var release = annotated(release(1, tracking(1, "d-1")), Actions.SKIP_BAKE);

    var plan =
        decide(
            release,
            Observation.tracked(deployment("d-1").targetSucceeded().green(100).build(), null),
            NOW);

    assertThat(plan.decision()).isEqualTo(new Decision.EndBake("d-1"));
  }

  @Test
  void rollbackStopsAnActiveDeployment() {
    var release = annotated(release(1, tracking(1, "d-1")), Actions.ROLLBACK);

    var plan =
        decide(
            release, Observation.tracked(deployment("d-1").at("AllowTraffic").build(), null), NOW);

    assertThat(plan.decision()).isEqualTo(new Decision.Stop("d-1"));
    assertThat(plan.report().phase()).isEqualTo(Phase.RollingBack);
  }

  @Test
  void retryAfterRollbackStartsAFreshAttemptOfTheSameGeneration() {
    var release = annotated(release(1, done(1, "d-1", "STOPPED")), Actions.RETRY);

    var plan = decide(release, Observation.only(Stage.SETTLED), NOW);

    assertThat(plan.decision()).isInstanceOf(Decision.RecordIntent.class);
    assertThat(plan.facts().retryCount()).isEqualTo(1);
    assertThat(plan.facts().releaseToken()).isEqualTo(ReleaseToken.of(UID, 1, 1));
    assertThat(plan.acks().get(0).applied()).isTrue();
  }

  @Test
  void retryAfterSuccessIsIgnored() {
    var release = annotated(release(1, done(1, "d-1", "SUCCEEDED")), Actions.RETRY);

    var plan = decide(release, Observation.only(Stage.SETTLED), NOW);

    assertThat(plan.decision()).isInstanceOf(Decision.Observe.class);
    assertThat(plan.acks().get(0).applied()).isFalse();
  }

  @Test
  void aValueAlreadyHandledIsNotAnsweredAgainButANewOneIs() {
    var failedAgain = handled(done(1, "d-2", "STOPPED"), Actions.RETRY, "r1");

    var same =
        decide(
            annotated(release(1, failedAgain), Actions.RETRY, "r1"),
            Observation.only(Stage.SETTLED),
            NOW);
    var changed =
        decide(
            annotated(release(1, failedAgain), Actions.RETRY, "r2"),
            Observation.only(Stage.SETTLED),
            NOW);

    assertThat(same.decision()).isInstanceOf(Decision.Observe.class);
    assertThat(same.acks()).isEmpty();
    assertThat(changed.decision()).isInstanceOf(Decision.RecordIntent.class);
    assertThat(changed.acks()).extracting(Plan.Ack::value).containsExactly("r2");
  }

  @Test
  void valuesPresentAtCreationAreRecordedWithoutActing() {
    var release = annotated(release(1, null), Actions.ROLLBACK, "copied");

    var plan = decide(release, Observation.only(Stage.NEW), NOW);

    assertThat(plan.decision()).isInstanceOf(Decision.RecordIntent.class);
    assertThat(plan.acks())
        .containsExactly(
            new Plan.Ack(Actions.ROLLBACK, "copied", false, Actions.PRESENT_AT_CREATION));
  }

  @Test
  void deploymentOfThisAttemptThatEndedMeanwhileIsAdoptedNotCreatedAgain() {
    var running = new ServiceState("prod", "web", "arn:svc", "ACTIVE", "CODE_DEPLOY", WANTED);
    var ended =
        deployment("d-ENDED")
            .description(
                DeploymentDescription.of(
                    new ReleaseIdentity("default", "web", UID, 1, ReleaseToken.of(UID, 1, 0))))
            .state(DeploymentState.SUCCEEDED)
            .build();
    var observation =
        PreparingReads.observed(
            running,
            group("CONTINUE_DEPLOYMENT"),
            List.of(),
            new TaskDefinitionPlan.Use(WANTED),
            ended);

    var plan = decide(release(1, intent(1)), observation, NOW);

    assertThat(plan.decision()).isInstanceOf(Decision.Observe.class);
    assertThat(plan.facts().deploymentId()).isEqualTo("d-ENDED");
    assertThat(plan.facts().taskDefinitionArn()).isEqualTo(WANTED);
    assertThat(plan.report().phase()).isEqualTo(Phase.Succeeded);
    assertThat(plan.facts().completedAt()).isNotNull();
    assertThat(plan.facts().history())
        .first()
        .extracting(h -> h.deploymentId())
        .isEqualTo("d-ENDED");
  }

  @Test
  void intentRecordsWhenItWasMade() {
    var plan = decide(release(1, null), Observation.only(Stage.NEW), NOW);

    assertThat(plan.decision()).isInstanceOf(Decision.RecordIntent.class);
    assertThat(plan.facts().requestedAt()).isEqualTo(NOW.toString());
  }

  // --- fixtures

  private Plan preparing(
      TaskDefinitionPlan taskDefinition,
      List<DeploymentSnapshot> active,
      Optional<DeploymentGroupState> group) {
    var observation = PreparingReads.observed(SERVICE, group, active, taskDefinition, null);
    return decide(release(1, intent(1)), observation, NOW);
  }

  static Optional<DeploymentGroupState> group(String readyAction) {
    return Optional.of(
        new DeploymentGroupState(
            "web-app",
            "web-dg",
            "role",
            "prod",
            "web",
            List.of(),
            List.of(),
            List.of(),
            0,
            readyAction,
            null,
            List.of(),
            List.of(),
            List.of()));
  }

  static DeploymentSnapshot active(String token) {
    return deployment("d-ACTIVE")
        .description(DeploymentDescription.of(new ReleaseIdentity("default", "web", UID, 1, token)))
        .at("Install")
        .build();
  }

  public static EcsBlueGreenRelease release(long generation, EcsBlueGreenReleaseStatus status) {
    return release(generation, status, Releases.release("web"));
  }

  public static EcsBlueGreenRelease release(
      long generation, EcsBlueGreenReleaseStatus status, Releases builder) {
    var release = builder.build();
    release.getMetadata().setUid(UID);
    release.getMetadata().setGeneration(generation);
    release.setStatus(status);
    return release;
  }

  static EcsBlueGreenRelease annotated(EcsBlueGreenRelease release, String annotation) {
    return annotated(release, annotation, "true");
  }

  static EcsBlueGreenRelease annotated(
      EcsBlueGreenRelease release, String annotation, String value) {
    var annotations = new HashMap<String, String>();
    annotations.put(annotation, value);
    release.getMetadata().setAnnotations(annotations);
    return release;
  }

  /** The status with a request recorded as handled, as an earlier pass would have left it. */
  static EcsBlueGreenReleaseStatus handled(
      EcsBlueGreenReleaseStatus status, String annotation, String value) {
    var mapper = new ObjectMapper();
    var actions =
        ActionRecords.record(
            status.actions(), List.of(new Plan.Ack(annotation, value, true, "done")), NOW);
    var json = mapper.<com.fasterxml.jackson.databind.node.ObjectNode>valueToTree(status);
    json.set("actions", mapper.valueToTree(actions));
    return mapper.convertValue(json, EcsBlueGreenReleaseStatus.class);
  }

  public static EcsBlueGreenReleaseStatus intent(long generation) {
    return status(generation, null, null, null);
  }

  public static EcsBlueGreenReleaseStatus tracking(long generation, String deploymentId) {
    return status(generation, deploymentId, "IN_PROGRESS", null);
  }

  public static EcsBlueGreenReleaseStatus done(long generation, String deploymentId, String state) {
    return status(generation, deploymentId, state, NOW.toString());
  }

  static EcsBlueGreenReleaseStatus status(
      long generation, String deploymentId, String state, String completedAt) {
    return status(generation, deploymentId, state, null, completedAt);
  }

  /** A tracked deployment whose rollback deployment an earlier pass recorded. */
  static EcsBlueGreenReleaseStatus rollingBack(
      long generation, String deploymentId, String rollbackId) {
    return status(generation, deploymentId, "STOPPED", rollbackId, null);
  }

  static EcsBlueGreenReleaseStatus status(
      long generation, String deploymentId, String state, String rollbackId, String completedAt) {
    return new EcsBlueGreenReleaseStatus(
        generation,
        Phase.Pending,
        "m",
        ReleaseToken.of(UID, generation, 0),
        generation,
        0,
        NOW.minusSeconds(60).toString(),
        deploymentId,
        state,
        null,
        rollbackId,
        WANTED,
        "web:2",
        RUNNING,
        null,
        null,
        null,
        completedAt,
        List.of(),
        null,
        null,
        null,
        null,
        null);
  }

  private Plan decide(EcsBlueGreenRelease release, Observation observation, Instant now) {
    return planner.decide(Passes.codeDeploy(release), observation, now);
  }

  private static Stage stage(EcsBlueGreenRelease release) {
    return Passes.codeDeploy(release).stage();
  }
}
