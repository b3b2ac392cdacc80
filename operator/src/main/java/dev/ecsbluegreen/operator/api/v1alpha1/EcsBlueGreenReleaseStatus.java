package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * What the operator observed of the release, rebuilt from facts on every pass. {@code phase} is for
 * people; code decides from the facts (token, deployment id, AWS state), never from the phase.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EcsBlueGreenReleaseStatus(
    @JsonPropertyDescription("The spec generation this status describes.") Long observedGeneration,
    @JsonPropertyDescription("Where the release stands, derived from the deployment's state.")
        Phase phase,
    @JsonPropertyDescription("A sentence saying what is happening or what is wrong.")
        String message,
    @JsonPropertyDescription(
            "Idempotency token of the generation (and retry) being released; set before any AWS"
                + " deployment is created, so a restart finds the deployment again.")
        String releaseToken,
    @JsonPropertyDescription("The spec generation the release token belongs to.")
        Long releaseGeneration,
    @JsonPropertyDescription(
            "How many times the ecs.bluegreen.dev/retry annotation redeployed this generation; part"
                + " of the release token, so each retry is a fresh deployment.")
        Integer retryCount,
    @JsonPropertyDescription(
            "When the release token was recorded (RFC 3339). If the operator lost a deployment's id,"
                + " it looks for the deployment among the group's deployments created since then,"
                + " ended ones included.")
        String requestedAt,
    @JsonPropertyDescription(
            "The deployment of this release: a CodeDeploy deployment id, or an ECS service"
                + " deployment ARN.")
        String deploymentId,
    @JsonPropertyDescription(
            "The deployment's last observed status, in its engine's words (CodeDeploy SUCCEEDED,"
                + " ECS SUCCESSFUL, ...).")
        String deploymentStatus,
    @JsonPropertyDescription(
            "The deployment configuration in effect for the deployment: for CodeDeploy the one the"
                + " spec names, or the deployment group's when it names none; for ECS the strategy"
                + " and its steps.")
        String deploymentConfig,
    @JsonPropertyDescription("The deployment CodeDeploy created to roll this release back, if any.")
        String rollbackDeploymentId,
    @JsonPropertyDescription("ARN of the task definition revision being released.")
        String taskDefinitionArn,
    @JsonPropertyDescription("family:revision of the task definition being released.")
        String taskDefinition,
    @JsonPropertyDescription("ARN of the revision the service ran before this release.")
        String previousTaskDefinitionArn,
    @JsonPropertyDescription(
            "Split of production traffic between blue and green, in percent. Absent while a"
                + " deployment runs whose weights were not read (with pushed events, only the"
                + " changes CodeDeploy reports are read).")
        TrafficSplit traffic,
    @JsonPropertyDescription("The deployment's ECS lifecycle events and their status.")
        List<LifecycleEventStatus> lifecycleEvents,
    @JsonPropertyDescription("When the deployment was created (RFC 3339).") String startedAt,
    @JsonPropertyDescription("When the deployment ended (RFC 3339).") String completedAt,
    @JsonPropertyDescription("Ready, Reconciling and Stalled, in the kstatus convention.")
        List<Condition> conditions,
    @JsonPropertyDescription("The last 10 releases, newest first.") List<HistoryEntry> history,
    @JsonPropertyDescription(
            "The last value of each action annotation the operator handled. An annotation acts"
                + " only when its value differs from the one recorded here, so it can stay in Git.")
        HandledActions actions,
    @JsonPropertyDescription(
            "The engine that runs the release: CodeDeploy (spec.codeDeploy) or ECS (spec.ecs).")
        String engine,
    @JsonPropertyDescription(
            "The analysis checks of the current (or last) deployment: verdict, runs and last"
                + " measurement of each.")
        List<AnalysisCheckStatus> analysis,
    @JsonPropertyDescription(
            "The analysis gate in a few words, for kubectl get -o wide: the checks still counting"
                + " (e.g. 2/3 smoke: 2 of 3 passing runs), Passed, or Failed and the check that"
                + " failed.")
        String analysisSummary) {

  /** The same status with these analysis checks and their summary. */
  public EcsBlueGreenReleaseStatus withAnalysis(List<AnalysisCheckStatus> value, String summary) {
    return new EcsBlueGreenReleaseStatus(
        observedGeneration,
        phase,
        message,
        releaseToken,
        releaseGeneration,
        retryCount,
        requestedAt,
        deploymentId,
        deploymentStatus,
        deploymentConfig,
        rollbackDeploymentId,
        taskDefinitionArn,
        taskDefinition,
        previousTaskDefinitionArn,
        traffic,
        lifecycleEvents,
        startedAt,
        completedAt,
        conditions,
        history,
        actions,
        engine,
        value == null || value.isEmpty() ? null : List.copyOf(value),
        summary);
  }

  /** The user-visible phases of a release. */
  public enum Phase {
    Pending,
    RegisteringTaskDefinition,
    Deploying,
    TestTraffic,
    AwaitingPromotion,
    ShiftingTraffic,
    Baking,
    Succeeded,
    RollingBack,
    RolledBack,
    Failed
  }

  /** Production traffic split in percent; the two add up to 100. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TrafficSplit(
      @JsonPropertyDescription("Percent on the blue (original) task set.") Integer blue,
      @JsonPropertyDescription("Percent on the green (replacement) task set.") Integer green) {}

  /** One ECS lifecycle event of the deployment. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record LifecycleEventStatus(
      @JsonPropertyDescription("BeforeInstall, Install, AfterInstall, AllowTestTraffic, ...")
          String name,
      @JsonPropertyDescription("Pending, InProgress, Succeeded, Failed, Skipped or Unknown.")
          String status,
      @JsonPropertyDescription("When the event started (RFC 3339).") String startedAt,
      @JsonPropertyDescription("When the event ended (RFC 3339).") String endedAt) {}

  /** The outcome of one past release. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record HistoryEntry(
      @JsonPropertyDescription("Spec generation released.") Long generation,
      @JsonPropertyDescription("CodeDeploy deployment id.") String deploymentId,
      @JsonPropertyDescription("Task definition revision released.") String taskDefinitionArn,
      @JsonPropertyDescription("Succeeded, RolledBack or Failed.") Phase outcome,
      @JsonPropertyDescription("Why it ended that way.") String message,
      @JsonPropertyDescription("When it ended (RFC 3339).") String completedAt) {}

  /** The last request handled for each action annotation; absent until one was handled. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record HandledActions(
      @JsonPropertyDescription("The ecs.bluegreen.dev/promote request last handled.")
          HandledAction promote,
      @JsonPropertyDescription("The ecs.bluegreen.dev/rollback request last handled.")
          HandledAction rollback,
      @JsonPropertyDescription("The ecs.bluegreen.dev/skip-bake request last handled.")
          HandledAction skipBake,
      @JsonPropertyDescription("The ecs.bluegreen.dev/retry request last handled.")
          HandledAction retry) {}

  /** One action request and what came of it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record HandledAction(
      @JsonPropertyDescription(
              "The annotation value handled. Setting the annotation to any other value requests"
                  + " the action again; the same value never acts twice.")
          String handled,
      @JsonPropertyDescription("When the operator handled it (RFC 3339).") String at,
      @JsonPropertyDescription(
              "Applied: the operator acted on it. Ignored: it could not apply then (or was"
                  + " already there when the release was created); the message says why.")
          ActionResult result,
      @JsonPropertyDescription("What the operator did, or why it did nothing.") String message) {}

  /** Whether an action request was acted on. */
  public enum ActionResult {
    Applied,
    Ignored
  }
}
