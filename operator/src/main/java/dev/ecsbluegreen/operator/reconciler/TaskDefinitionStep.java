package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.taskdef.TaskDefinitionPlan;
import java.time.Instant;

/**
 * The last step before a deployment exists, the same for every engine: register the revision the
 * release needs, settle at once when the service already runs it, or start deploying it.
 */
public final class TaskDefinitionStep {
  private TaskDefinitionStep() {}

  /**
   * @param revision the revision the release needs, registered or to register
   * @param serving the task definition the service runs now
   * @param starting what the status says while the engine starts its deployment
   */
  public static Plan next(
      TaskDefinitionPlan revision, String serving, Facts facts, Instant now, String starting) {
    if (revision instanceof TaskDefinitionPlan.Register register) {
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
    String arn = ((TaskDefinitionPlan.Use) revision).arn();
    if (arn.equals(serving)) {
      return alreadyServing(serving, facts, now);
    }
    return new Plan(
        new Decision.Start(arn),
        facts.withTaskDefinitions(arn, serving),
        Report.reconciling(Phase.Deploying, Reasons.DEPLOYMENT_CREATED, starting),
        null);
  }

  private static Plan alreadyServing(String serving, Facts facts, Instant now) {
    String message = Reasons.nothingToDeploy(StatusFormat.familyRevision(serving));
    return new Plan(
        new Decision.Observe(),
        facts
            .withTaskDefinitions(serving, serving)
            .completed(now.toString(), Phase.Succeeded, message),
        Report.ready(Reasons.NOTHING_TO_DEPLOY, message),
        null);
  }
}
