package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.aws.TrackedDeployment;
import dev.ecsbluegreen.operator.errors.ReleaseException;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides the next step of a release from its status facts and what AWS reported. Pure: no I/O. The
 * release's engine supplies the rules before a deployment exists and the phase of a running one.
 *
 * <pre>
 *  new generation / retry
 *        │  RecordIntent (token in status, before any AWS mutation)
 *        ▼
 *   Pending ──(managed group missing/drifted)──► EnsureGroup ──┐
 *        │ ◄────────────────────────────────────────────────────┘
 *        ├─(our deployment, this token, ended since the intent)──► adopt ─┐
 *        ├─(foreign active deployment)──► DeploymentGroupBusy (wait, report its id)
 *        ├─(our deployment, this token, active)──► adopt ─────────────────┤
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
 *
 * <p>Until a deployment id is recorded, each pass looks for this attempt's deployment by the token
 * in its description: among the group's active deployments, and among those that ended since the
 * intent was recorded (status {@code requestedAt}). So a CreateDeployment whose answer was lost, or
 * a crash before the id was written, resumes the same deployment even if it ended meanwhile; an
 * adopted deployment that ended is tracked to its outcome (Succeeded, RolledBack, Failed) on the
 * next pass, never created again.
 */
public final class ReleasePlanner {

  public Plan decide(ReleasePass pass, Observation observation, Instant now) {
    Facts facts = Facts.from(pass.release().getStatus());
    Plan plan =
        switch (observation.stage()) {
          case NEW -> intent(pass, facts, pass.retryCount(), now);
          case PREPARING -> preparing(pass, facts, observation, now);
          case TRACKING -> tracking(pass, facts, observation, now);
          case SETTLED -> settled(pass, facts);
        };
    return Actions.answer(pass, observation, facts, plan, now);
  }

  /**
   * A spec that names a container twice is refused before any engine acts on it: whichever of the
   * two it picked would deploy something nobody asked for.
   */
  private static Plan preparing(
      ReleasePass pass, Facts facts, Observation observation, Instant now) {
    var duplicate = DuplicateContainerNames.in(pass.release().getSpec());
    if (duplicate.isPresent()) {
      return new Plan(
          new Decision.Observe(),
          facts,
          Report.stalled(Phase.Failed, Reasons.INVALID_SPEC, duplicate.get()),
          null);
    }
    return pass.engine().prepare(pass, facts, observation, now);
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

  static Plan intent(ReleasePass pass, Facts facts, int retries, Instant now) {
    long generation = pass.generation();
    String token = ReleaseToken.of(pass.release().getMetadata().getUid(), generation, retries);
    String message =
        retries == 0
            ? "Releasing generation %d".formatted(generation)
            : "Releasing generation %d again (retry %d)".formatted(generation, retries);
    return new Plan(
        new Decision.RecordIntent(),
        facts.intent(token, generation, retries, now.toString()),
        Report.reconciling(Phase.Pending, Reasons.DEPLOYMENT_REQUESTED, message),
        null);
  }

  private Plan tracking(ReleasePass pass, Facts facts, Observation observation, Instant now) {
    TrackedDeployment deployment = observation.deployment();
    if (deployment == null) {
      String message =
          "AWS no longer knows deployment %s; retry or change the spec to deploy again"
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
            deployment.deploymentId(), deployment.status(), deployment.rollbackDeploymentId());
    boolean superseded = !pass.current(facts);
    // A rollback first seen in this pass is reported as RollingBack whatever its state: its id goes
    // into the facts and the next pass judges its outcome. So a rolled-back release always shows
    // RollingBack (and its Event) before RolledBack, even when the engine finished the rollback
    // between two looks.
    boolean rollbackKnown =
        Objects.equals(facts.rollbackDeploymentId(), deployment.rollbackDeploymentId());
    Report report =
        pass.engine()
            .report(
                deployment,
                rollbackKnown ? observation.rollback() : null,
                StatusFormat.familyRevision(facts.taskDefinitionArn()));
    if (superseded) {
      return superseded(pass, seen, deployment, report, now);
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
      ReleasePass pass, Facts seen, TrackedDeployment deployment, Report observed, Instant now) {
    long generation = pass.generation();
    String message = Reasons.superseded(deployment.deploymentId(), generation);
    var waiting = Report.reconciling(Phase.RollingBack, Reasons.SUPERSEDED, message);
    if (deployment.stoppable()) {
      return new Plan(new Decision.Stop(deployment.deploymentId()), seen, waiting, null);
    }
    if (!observed.settled()) {
      return new Plan(new Decision.Observe(), seen, waiting, null);
    }
    String outcome = "Superseded by generation %d: %s".formatted(generation, observed.message());
    Facts ended = seen.completed(now.toString(), observed.phase(), outcome);
    return intent(pass, ended, 0, now);
  }

  private static String completion(
      TrackedDeployment deployment, TrackedDeployment rollback, Instant now) {
    Instant at =
        rollback != null && rollback.completeTime() != null
            ? rollback.completeTime()
            : deployment.completeTime();
    return (at == null ? now : at).toString();
  }

  private Plan settled(ReleasePass pass, Facts facts) {
    var status = pass.release().getStatus();
    var ready = Conditions.find(status.conditions(), Conditions.READY);
    var stalled = Conditions.find(status.conditions(), Conditions.STALLED);
    Conditions.Health health =
        pass.succeeded(facts)
            ? Conditions.Health.READY
            : stalled.filter(c -> "True".equals(c.getStatus())).isPresent()
                ? Conditions.Health.STALLED
                : Conditions.Health.RECONCILING;
    var report =
        new Report(
            status.phase(), health, ready.map(c -> c.getReason()).orElse(null), status.message());
    return new Plan(new Decision.Observe(), facts, report, null);
  }
}
