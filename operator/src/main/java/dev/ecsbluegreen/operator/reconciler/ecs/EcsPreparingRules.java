package dev.ecsbluegreen.operator.reconciler.ecs;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.HistoryEntry;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.aws.ServiceDeploymentSnapshot;
import dev.ecsbluegreen.operator.reconciler.Decision;
import dev.ecsbluegreen.operator.reconciler.Facts;
import dev.ecsbluegreen.operator.reconciler.Plan;
import dev.ecsbluegreen.operator.reconciler.Problems;
import dev.ecsbluegreen.operator.reconciler.Reasons;
import dev.ecsbluegreen.operator.reconciler.Report;
import dev.ecsbluegreen.operator.reconciler.StatusFormat;
import dev.ecsbluegreen.operator.reconciler.TaskDefinitionStep;
import dev.ecsbluegreen.operator.taskdef.TaskDefinitionPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The ECS engine's rules before a service deployment ARN is recorded: the service's controller,
 * this attempt's deployment if UpdateService already started it (adopted), someone else's
 * deployment still under way (waited for), then the task definition (registered, deployed, or
 * nothing to deploy). Pure.
 *
 * <p>UpdateService carries no token, so this attempt's deployment is recognised by what it deploys
 * and when: the service's current deployment, created after the intent was recorded, whose target
 * revision runs the task definition this attempt deploys, and that no earlier attempt of the
 * release recorded in its history. A lost UpdateService answer or a crash before the ARN was
 * written therefore resumes that deployment instead of starting a second one.
 */
record EcsPreparingRules(
    EcsBlueGreenRelease release, Facts facts, EcsPreparingReads reads, Instant now) {

  static final String ECS_CONTROLLER = "ECS";

  /**
   * How far before the recorded intent a deployment still counts as this attempt's: the intent time
   * is the operator's clock, a deployment's create time is ECS's.
   */
  static final Duration CLOCK_MARGIN = Duration.ofMinutes(10);

  Plan plan() {
    if (reads.problem() != null) {
      return reject(Problems.reason(reads.problem()), Problems.message(reads.problem()));
    }
    var service = reads.service().service();
    if (!ECS_CONTROLLER.equals(service.deploymentController())) {
      return reject(
          Reasons.CONTROLLER_MISMATCH,
          Reasons.notEcsController(
              service.clusterName() + "/" + service.serviceName(), service.deploymentController()));
    }
    ServiceDeploymentSnapshot current = reads.service().current();
    if (current != null && isThisAttempts(current)) {
      return adopt(current);
    }
    if (current != null && !current.ended()) {
      return new Plan(
          new Decision.Observe(),
          facts,
          Report.reconciling(
              Phase.Pending,
              Reasons.SERVICE_BUSY,
              ("ECS service %s/%s already has service deployment %s %s; waiting for it to end"
                      + " before deploying")
                  .formatted(
                      service.clusterName(),
                      service.serviceName(),
                      current.deploymentId(),
                      current.status())),
          null);
    }
    return taskDefinition();
  }

  private boolean isThisAttempts(ServiceDeploymentSnapshot deployment) {
    if (!(reads.taskDefinition() instanceof TaskDefinitionPlan.Use use)
        || facts.requestedAt() == null
        || deployment.createTime() == null) {
      return false;
    }
    Instant intent = Instant.parse(facts.requestedAt()).minus(CLOCK_MARGIN);
    boolean earlierAttempt =
        facts.history().stream()
            .map(HistoryEntry::deploymentId)
            .anyMatch(id -> Objects.equals(id, deployment.deploymentId()));
    return !earlierAttempt
        && !deployment.createTime().isBefore(intent)
        && use.arn().equals(deployment.targetTaskDefinitionArn());
  }

  /**
   * This attempt's deployment: its ARN goes into the facts and later passes track it. One that
   * already ended is settled here.
   */
  private Plan adopt(ServiceDeploymentSnapshot deployment) {
    var adopted =
        facts
            .withDeployment(deployment.deploymentId(), deployment.status(), null)
            .withTaskDefinitions(
                deployment.targetTaskDefinitionArn(), deployment.sourceTaskDefinitionArn());
    var report =
        ServiceDeploymentPhases.report(
            deployment, false, StatusFormat.familyRevision(adopted.taskDefinitionArn()));
    return Plan.observing(adopted, report, deployment.completeTime(), now);
  }

  private Plan taskDefinition() {
    return TaskDefinitionStep.next(
        reads.taskDefinition(),
        reads.service().servingTaskDefinitionArn(),
        facts,
        now,
        "Starting the ECS service deployment (UpdateService)");
  }

  private Plan reject(String reason, String message) {
    return new Plan(
        new Decision.Observe(), facts, Report.stalled(Phase.Failed, reason, message), null);
  }
}
