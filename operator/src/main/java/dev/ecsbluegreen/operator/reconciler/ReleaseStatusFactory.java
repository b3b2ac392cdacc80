package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.LifecycleEventStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.TrafficSplit;
import dev.ecsbluegreen.operator.aws.TrackedDeployment;
import dev.ecsbluegreen.operator.errors.AwsBudgetWaitException;
import dev.ecsbluegreen.operator.errors.AwsOutageException;
import dev.ecsbluegreen.operator.errors.ReleaseException;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;

/**
 * Builds the complete status of a release from the plan's facts and report, what AWS showed in this
 * pass, and the previous status. Pure. Presentation fields of the same deployment are carried over
 * when this pass did not read them; condition transition times are kept when nothing changed.
 */
public final class ReleaseStatusFactory {

  public EcsBlueGreenReleaseStatus build(
      ReleasePass pass, Observation observation, Plan plan, Instant now) {
    var release = pass.release();
    var previous = release.getStatus();
    var facts = plan.facts();
    var report = plan.report();
    long generation = release.getMetadata().getGeneration();
    TrackedDeployment seen = snapshotOf(observation, facts.deploymentId());
    boolean sameDeployment =
        previous != null
            && facts.deploymentId() != null
            && facts.deploymentId().equals(previous.deploymentId());
    return new EcsBlueGreenReleaseStatus(
        generation,
        report.phase(),
        report.message(),
        facts.releaseToken(),
        facts.releaseGeneration(),
        facts.retryCount(),
        facts.requestedAt(),
        facts.deploymentId(),
        facts.deploymentStatus(),
        seen != null && seen.deploymentConfig() != null
            ? seen.deploymentConfig()
            : sameDeployment ? previous.deploymentConfig() : null,
        facts.rollbackDeploymentId(),
        facts.taskDefinitionArn(),
        StatusFormat.familyRevision(facts.taskDefinitionArn()),
        facts.previousTaskDefinitionArn(),
        traffic(pass.engine(), report.phase(), seen, sameDeployment ? previous.traffic() : null),
        seen != null && seen.lifecycleEvents() != null
            ? lifecycleEvents(seen)
            : sameDeployment ? previous.lifecycleEvents() : null,
        seen != null && seen.createTime() != null
            ? seen.createTime().toString()
            : sameDeployment ? previous.startedAt() : null,
        facts.completedAt(),
        Conditions.of(
            report.health(),
            report.reason(),
            report.message(),
            generation,
            previous == null ? null : previous.conditions(),
            now),
        facts.history().isEmpty() ? null : facts.history(),
        ActionRecords.record(previous == null ? null : previous.actions(), plan.acks(), now),
        pass.engine().name(),
        previous == null ? null : previous.analysis(),
        previous == null ? null : previous.analysisSummary());
  }

  /**
   * The status a pass built from the copy it read, rebuilt for the fresher copy a conflicting write
   * met. The pass's record of what it saw and did in AWS stays as built: the deployment it created
   * or adopted, the revision it registered, the outcome it saw, and {@code observedGeneration}, the
   * generation all of that was for (a generation or an action request that arrived meanwhile is the
   * next pass's to act on; claiming it observed would let {@code kubectl wait} and Argo CD take the
   * old generation's result for the new one's). What the pass carried over from the status it read
   * is taken from the fresh one instead when that status moved on (another replica's write, or an
   * earlier write of ours whose answer was lost): the action records, where an answer already there
   * for the same value stands, and the conditions' transition times.
   */
  public EcsBlueGreenReleaseStatus rebase(
      EcsBlueGreenReleaseStatus built,
      EcsBlueGreenReleaseStatus read,
      EcsBlueGreenReleaseStatus fresh,
      List<Plan.Ack> acks,
      Instant now) {
    if (fresh == null || fresh.equals(read)) {
      return built;
    }
    return new EcsBlueGreenReleaseStatus(
        built.observedGeneration(),
        built.phase(),
        built.message(),
        built.releaseToken(),
        built.releaseGeneration(),
        built.retryCount(),
        built.requestedAt(),
        built.deploymentId(),
        built.deploymentStatus(),
        built.deploymentConfig(),
        built.rollbackDeploymentId(),
        built.taskDefinitionArn(),
        built.taskDefinition(),
        built.previousTaskDefinitionArn(),
        built.traffic(),
        built.lifecycleEvents(),
        built.startedAt(),
        built.completedAt(),
        Conditions.retimed(built.conditions(), fresh.conditions(), now),
        built.history(),
        ActionRecords.rebase(fresh.actions(), acks, now),
        built.engine(),
        built.analysis(),
        built.analysisSummary());
  }

  /** The snapshot of the deployment the facts name, from tracking or from the active list. */
  private static TrackedDeployment snapshotOf(Observation observation, String deploymentId) {
    if (deploymentId == null) {
      return null;
    }
    return observation
        .deploymentsSeen()
        .filter(s -> deploymentId.equals(s.deploymentId()))
        .findFirst()
        .orElse(null);
  }

  private static TrafficSplit traffic(
      ReleaseEngine engine, Phase phase, TrackedDeployment seen, TrafficSplit previous) {
    return switch (phase) {
      case Succeeded -> new TrafficSplit(0, 100);
      case RolledBack, Pending, RegisteringTaskDefinition -> new TrafficSplit(100, 0);
      default -> seen != null ? engine.traffic(seen) : previous;
    };
  }

  private static List<LifecycleEventStatus> lifecycleEvents(TrackedDeployment seen) {
    return seen.lifecycleEvents().stream()
        .map(
            e ->
                new LifecycleEventStatus(
                    e.name(), e.status(), text(e.startTime()), text(e.endTime())))
        .toList();
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /**
   * The previous status with a retried AWS error noted on Reconciling and in the message; the
   * phase, every fact and the condition's transition time stay as they were (its status does not
   * change). The same error retried again gives the same status, which is then not written again.
   */
  public EcsBlueGreenReleaseStatus withRetriedError(
      EcsBlueGreenReleaseStatus s, ReleaseException problem) {
    if (problem instanceof AwsBudgetWaitException && waitsForBudget(s)) {
      // Noted when the wait began; how many are ahead changes with every turn and is not news.
      return s;
    }
    // An outage's and a budget wait's messages already say how they are retried.
    String message =
        problem instanceof AwsOutageException || problem instanceof AwsBudgetWaitException
            ? Problems.message(problem)
            : Problems.message(problem) + "; retrying";
    var conditions =
        s.conditions() == null
            ? null
            : s.conditions().stream()
                .map(
                    c ->
                        Conditions.RECONCILING.equals(c.getType())
                            ? new ConditionBuilder(c)
                                .withReason(Problems.reason(problem))
                                .withMessage(message)
                                .build()
                            : c)
                .toList();
    return new EcsBlueGreenReleaseStatus(
        s.observedGeneration(),
        s.phase(),
        message,
        s.releaseToken(),
        s.releaseGeneration(),
        s.retryCount(),
        s.requestedAt(),
        s.deploymentId(),
        s.deploymentStatus(),
        s.deploymentConfig(),
        s.rollbackDeploymentId(),
        s.taskDefinitionArn(),
        s.taskDefinition(),
        s.previousTaskDefinitionArn(),
        s.traffic(),
        s.lifecycleEvents(),
        s.startedAt(),
        s.completedAt(),
        conditions,
        s.history(),
        s.actions(),
        s.engine(),
        s.analysis(),
        s.analysisSummary());
  }

  private static boolean waitsForBudget(EcsBlueGreenReleaseStatus s) {
    return s.conditions() != null
        && s.conditions().stream()
            .anyMatch(
                c ->
                    Conditions.RECONCILING.equals(c.getType())
                        && Reasons.WAITING_FOR_REQUEST_BUDGET.equals(c.getReason()));
  }
}
