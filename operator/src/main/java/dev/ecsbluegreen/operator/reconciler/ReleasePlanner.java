package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.Promotion.PromotionMode;
import dev.ecsbluegreen.operator.aws.DeploymentDescription;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot;
import dev.ecsbluegreen.operator.aws.ManagedGroupMapper;
import dev.ecsbluegreen.operator.errors.ReleaseException;
import dev.ecsbluegreen.operator.reconciler.Observation.Stage;
import dev.ecsbluegreen.operator.taskdef.TaskDefinitionPlan;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides the next step of a release from its status facts and what AWS reported. Pure: no I/O.
 *
 * <pre>
 *  new generation / retry
 *        │  RecordIntent (token in status, before any AWS mutation)
 *        ▼
 *   Pending ──(managed group missing/drifted)──► EnsureGroup ──┐
 *        │ ◄────────────────────────────────────────────────────┘
 *        ├─(foreign active deployment)──► DeploymentGroupBusy (wait, report its id)
 *        ├─(our deployment, this token)──► adopt ─────────────────────────┐
 *        ├─(template/inline changed)──► RegisteringTaskDefinition ──┐     │
 *        │ ◄────────────────────────────────────────────────────────┘     │
 *        ├─(service already runs it)──► Succeeded (NothingToDeploy)       │
 *        ▼ CreateDeployment (id recorded at once)                         │
 *   Deploying ─► TestTraffic ─► [AwaitingPromotion ─promote─►] ShiftingTraffic ─► Baking ─► Succeeded
 *        │            │                 │                          │            │
 *        └────────────┴── hook/alarm failure, rollback annotation, new generation ──► RollingBack
 *                                                                                       │
 *            rollback deployment ends ──► RolledBack (Stalled; retry annotation ─► Pending)
 *            failed without rollback  ──► Failed     (Stalled; retry annotation ─► Pending)
 *  misconfiguration (no group, bad role, manual promotion on a group that does not wait)
 *            ──► Failed + Stalled, retried slowly; fixed spec or AWS side ─► continues
 * </pre>
 *
 * A new generation while a deployment is active stops it with rollback, waits for the rollback to
 * end, records it in the history, and only then records the new intent.
 */
public final class ReleasePlanner {

  public Plan decide(EcsBlueGreenRelease release, Observation observation, Instant now) {
    Facts facts = Facts.from(release.getStatus());
    Plan plan =
        switch (observation.stage()) {
          case NEW -> intent(release, facts, retryCount(release));
          case PREPARING -> new PreparingRules(release, facts, observation, now).plan();
          case TRACKING -> tracking(release, facts, observation, now);
          case SETTLED -> settled(release, facts);
        };
    return Actions.answer(release, observation, facts, plan);
  }

  /** The stage a release is in, from the facts in its status. */
  public static Stage stage(EcsBlueGreenRelease release) {
    var status = release.getStatus();
    if (status == null || status.releaseToken() == null) {
      return Stage.NEW;
    }
    boolean done = status.completedAt() != null;
    if (status.deploymentId() != null && !done) {
      return Stage.TRACKING;
    }
    if (!desiredToken(release).equals(status.releaseToken())) {
      return Stage.NEW;
    }
    return done ? Stage.SETTLED : Stage.PREPARING;
  }

  /** The token of the attempt the spec asks for now. */
  public static String desiredToken(EcsBlueGreenRelease release) {
    return ReleaseToken.of(
        release.getMetadata().getUid(), release.getMetadata().getGeneration(), retryCount(release));
  }

  static int retryCount(EcsBlueGreenRelease release) {
    var status = release.getStatus();
    if (status == null
        || status.retryCount() == null
        || !Objects.equals(status.releaseGeneration(), release.getMetadata().getGeneration())) {
      return 0;
    }
    return status.retryCount();
  }

  /** A pass AWS refused for a reason no retry fixes: Stalled, facts untouched, retried slowly. */
  public static Plan rejected(EcsBlueGreenRelease release, ReleaseException problem) {
    var status = release.getStatus();
    Phase phase =
        status == null || status.phase() == null || status.phase() == Phase.Pending
            ? Phase.Failed
            : status.phase();
    return new Plan(
        new Decision.Observe(),
        Facts.from(status),
        Report.stalled(phase, Problems.reason(problem), Problems.message(problem)),
        null);
  }

  static Plan intent(EcsBlueGreenRelease release, Facts facts, int retries) {
    long generation = release.getMetadata().getGeneration();
    String token = ReleaseToken.of(release.getMetadata().getUid(), generation, retries);
    String message =
        retries == 0
            ? "Releasing generation %d".formatted(generation)
            : "Releasing generation %d again (retry %d)".formatted(generation, retries);
    return new Plan(
        new Decision.RecordIntent(),
        facts.intent(token, generation, retries),
        Report.reconciling(Phase.Pending, Reasons.DEPLOYMENT_REQUESTED, message),
        null);
  }

  private Plan tracking(
      EcsBlueGreenRelease release, Facts facts, Observation observation, Instant now) {
    DeploymentSnapshot deployment = observation.deployment();
    if (deployment == null) {
      String message =
          "CodeDeploy no longer knows deployment %s; retry or change the spec to deploy again"
              .formatted(facts.deploymentId());
      var report = Report.stalled(Phase.Failed, Reasons.DEPLOYMENT_FAILED, message);
      return new Plan(
          new Decision.Observe(),
          facts.completed(now.toString(), Phase.Failed, message),
          report,
          null);
    }
    Facts seen =
        facts.withDeployment(
            deployment.deploymentId(),
            deployment.state().name(),
            deployment.rollbackDeploymentId());
    boolean superseded = !desiredToken(release).equals(facts.releaseToken());
    Report report =
        DeploymentPhases.report(
            deployment,
            observation.rollback(),
            StatusFormat.familyRevision(facts.taskDefinitionArn()));
    if (superseded) {
      return superseded(release, seen, deployment, report, now);
    }
    if (report.settled()) {
      String at = completion(deployment, observation.rollback(), now);
      return new Plan(
          new Decision.Observe(),
          seen.completed(at, report.phase(), report.message()),
          report,
          null);
    }
    return new Plan(new Decision.Observe(), seen, report, null);
  }

  private Plan superseded(
      EcsBlueGreenRelease release,
      Facts seen,
      DeploymentSnapshot deployment,
      Report observed,
      Instant now) {
    long generation = release.getMetadata().getGeneration();
    String message = Reasons.superseded(deployment.deploymentId(), generation);
    var waiting = Report.reconciling(Phase.RollingBack, Reasons.SUPERSEDED, message);
    if (!deployment.state().ended()) {
      return new Plan(new Decision.StopDeployment(deployment.deploymentId()), seen, waiting, null);
    }
    if (!observed.settled()) {
      return new Plan(new Decision.Observe(), seen, waiting, null);
    }
    String outcome = "Superseded by generation %d: %s".formatted(generation, observed.message());
    Facts ended = seen.completed(now.toString(), observed.phase(), outcome);
    return intent(release, ended, 0);
  }

  private static String completion(
      DeploymentSnapshot deployment, DeploymentSnapshot rollback, Instant now) {
    Instant at =
        rollback != null && rollback.completeTime() != null
            ? rollback.completeTime()
            : deployment.completeTime();
    return (at == null ? now : at).toString();
  }

  private Plan settled(EcsBlueGreenRelease release, Facts facts) {
    var status = release.getStatus();
    var ready = Conditions.find(status.conditions(), Conditions.READY);
    var stalled = Conditions.find(status.conditions(), Conditions.STALLED);
    Conditions.Health health =
        facts.succeeded()
            ? Conditions.Health.READY
            : stalled.filter(c -> "True".equals(c.getStatus())).isPresent()
                ? Conditions.Health.STALLED
                : Conditions.Health.RECONCILING;
    var report =
        new Report(
            status.phase(), health, ready.map(c -> c.getReason()).orElse(null), status.message());
    return new Plan(new Decision.Observe(), facts, report, null);
  }

  /** The rules before a deployment exists: group, foreign deployments, task definition. */
  private record PreparingRules(
      EcsBlueGreenRelease release, Facts facts, Observation observation, Instant now) {

    Plan plan() {
      if (observation.problem() != null) {
        return reject(
            Problems.reason(observation.problem()), Problems.message(observation.problem()));
      }
      var spec = release.getSpec();
      var codeDeploy = spec.codeDeploy();
      if (observation.group().isEmpty()) {
        if (codeDeploy.create() != null) {
          return new Plan(
              new Decision.EnsureGroup(ManagedGroupMapper.desired(spec), true, java.util.List.of()),
              facts,
              Report.reconciling(
                  Phase.Pending,
                  Reasons.DEPLOYMENT_GROUP_UPDATED,
                  "Creating CodeDeploy deployment group %s/%s"
                      .formatted(codeDeploy.application(), codeDeploy.deploymentGroup())),
              null);
        }
        return reject(
            Reasons.DEPLOYMENT_GROUP_NOT_FOUND,
            ("CodeDeploy deployment group %s/%s does not exist"
                    + " (DeploymentGroupDoesNotExistException); create it or set codeDeploy.create")
                .formatted(codeDeploy.application(), codeDeploy.deploymentGroup()));
      }
      var group = observation.group().get();
      if (codeDeploy.create() != null) {
        var desired = ManagedGroupMapper.desired(spec);
        var drift = ManagedGroupMapper.drift(desired, group);
        if (!drift.isEmpty()) {
          return new Plan(
              new Decision.EnsureGroup(desired, false, drift),
              facts,
              Report.reconciling(
                  Phase.Pending,
                  Reasons.DEPLOYMENT_GROUP_UPDATED,
                  "Updating CodeDeploy deployment group %s/%s: %s differ"
                      .formatted(codeDeploy.application(), codeDeploy.deploymentGroup(), drift)),
              null);
        }
      }
      if (spec.promotion().mode() == PromotionMode.Manual
          && !"STOP_DEPLOYMENT".equals(group.readyAction())) {
        return reject(
            Reasons.MANUAL_PROMOTION_UNSUPPORTED,
            ("promotion.mode is Manual but deployment group %s/%s has ready option %s, so"
                    + " CodeDeploy would shift production traffic without waiting; set its"
                    + " deploymentReadyOption.actionOnTimeout to STOP_DEPLOYMENT")
                .formatted(
                    codeDeploy.application(), codeDeploy.deploymentGroup(), group.readyAction()));
      }
      for (DeploymentSnapshot active : observation.activeDeployments()) {
        Plan plan = activeDeployment(active);
        if (plan != null) {
          return plan;
        }
      }
      return taskDefinition();
    }

    private Plan activeDeployment(DeploymentSnapshot active) {
      var owner = DeploymentDescription.parse(active.description());
      String uid = release.getMetadata().getUid();
      if (owner.isPresent() && owner.get().uid().equals(uid)) {
        if (owner.get().token().equals(facts.releaseToken())) {
          var adopted =
              facts.withDeployment(
                  active.deploymentId(), active.state().name(), active.rollbackDeploymentId());
          if (observation.taskDefinition() instanceof TaskDefinitionPlan.Use use) {
            adopted =
                adopted.withTaskDefinitions(use.arn(), observation.service().taskDefinitionArn());
          }
          return new Plan(
              new Decision.Observe(), adopted, DeploymentPhases.report(active, null, null), null);
        }
        return new Plan(
            new Decision.StopDeployment(active.deploymentId()),
            facts,
            Report.reconciling(
                Phase.Pending,
                Reasons.SUPERSEDED,
                Reasons.superseded(active.deploymentId(), release.getMetadata().getGeneration())),
            null);
      }
      return new Plan(
          new Decision.Observe(),
          facts,
          Report.reconciling(
              Phase.Pending,
              Reasons.DEPLOYMENT_GROUP_BUSY,
              Reasons.busy(active.deploymentId(), active.description())),
          null);
    }

    private Plan taskDefinition() {
      String running = observation.service().taskDefinitionArn();
      if (observation.taskDefinition() instanceof TaskDefinitionPlan.Register register) {
        return new Plan(
            new Decision.RegisterTaskDefinition(register),
            facts,
            Report.reconciling(
                Phase.RegisteringTaskDefinition,
                Reasons.REGISTERING_TASK_DEFINITION,
                "Registering a new revision of task definition family "
                    + register.request().path("family").asText()),
            null);
      }
      String arn = ((TaskDefinitionPlan.Use) observation.taskDefinition()).arn();
      if (arn.equals(running)) {
        String message = Reasons.nothingToDeploy(StatusFormat.familyRevision(running));
        return new Plan(
            new Decision.Observe(),
            facts
                .withTaskDefinitions(running, running)
                .completed(now.toString(), Phase.Succeeded, message),
            Report.ready(Reasons.NOTHING_TO_DEPLOY, message),
            null);
      }
      return new Plan(
          new Decision.CreateDeployment(arn),
          facts.withTaskDefinitions(arn, running),
          Report.reconciling(
              Phase.Deploying, Reasons.DEPLOYMENT_CREATED, "Creating the CodeDeploy deployment"),
          null);
    }

    private Plan reject(String reason, String message) {
      return new Plan(
          new Decision.Observe(), facts, Report.stalled(Phase.Failed, reason, message), null);
    }
  }
}
