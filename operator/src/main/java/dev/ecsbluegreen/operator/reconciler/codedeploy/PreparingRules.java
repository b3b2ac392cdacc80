package dev.ecsbluegreen.operator.reconciler.codedeploy;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck.AnalysisPhase;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseSpec;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.Promotion.PromotionMode;
import dev.ecsbluegreen.operator.aws.DeploymentDescription;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot;
import dev.ecsbluegreen.operator.aws.ManagedGroupMapper;
import dev.ecsbluegreen.operator.reconciler.Decision;
import dev.ecsbluegreen.operator.reconciler.Facts;
import dev.ecsbluegreen.operator.reconciler.Plan;
import dev.ecsbluegreen.operator.reconciler.Problems;
import dev.ecsbluegreen.operator.reconciler.Reasons;
import dev.ecsbluegreen.operator.reconciler.Report;
import dev.ecsbluegreen.operator.reconciler.StatusFormat;
import dev.ecsbluegreen.operator.reconciler.TaskDefinitionStep;
import dev.ecsbluegreen.operator.taskdef.TaskDefinitionPlan;
import java.time.Instant;
import java.util.List;

/**
 * The planner's rules before a deployment id is recorded: the group (created, updated or checked),
 * this attempt's deployment if it already ended (adopted), active deployments of the group
 * (adopted, stopped or waited for), then the task definition (registered, deployed, or nothing to
 * deploy). Pure.
 */
record PreparingRules(
    EcsBlueGreenRelease release, Facts facts, PreparingReads observation, Instant now) {

  Plan plan() {
    if (observation.problem() != null) {
      return reject(
          Problems.reason(observation.problem()), Problems.message(observation.problem()));
    }
    var service = observation.service();
    if (service.deploymentController() != null
        && !"CODE_DEPLOY".equals(service.deploymentController())) {
      return reject(
          Reasons.CONTROLLER_MISMATCH,
          Reasons.notCodeDeploy(
              service.clusterName() + "/" + service.serviceName(), service.deploymentController()));
    }
    Plan group = deploymentGroup();
    if (group != null) {
      return group;
    }
    if (observation.ended() != null) {
      return adopt(observation.ended(), previousOfEnded());
    }
    // The first active deployment decides: the group runs one deployment at a time.
    if (!observation.activeDeployments().isEmpty()) {
      return activeDeployment(observation.activeDeployments().get(0));
    }
    return taskDefinition();
  }

  /** The group created, updated or refused; null when it is ready for this release. */
  private Plan deploymentGroup() {
    var spec = release.getSpec();
    var codeDeploy = spec.codeDeploy();
    if (observation.group().isEmpty()) {
      return missingGroup();
    }
    var group = observation.group().get();
    if (codeDeploy.create() != null) {
      var desired = ManagedGroupMapper.desired(spec);
      var drift = ManagedGroupMapper.drift(desired, group);
      if (!drift.isEmpty()) {
        return new Plan(
            new Decision.EnsureInfrastructure(new DeploymentGroupChange(desired, false, drift)),
            facts,
            Report.reconciling(
                Phase.Pending,
                Reasons.DEPLOYMENT_GROUP_UPDATED,
                "Updating CodeDeploy deployment group %s/%s: %s differ"
                    .formatted(codeDeploy.application(), codeDeploy.deploymentGroup(), drift)),
            null);
      }
    }
    if (has(spec, AnalysisPhase.TestTraffic) && !"STOP_DEPLOYMENT".equals(group.readyAction())) {
      return reject(
          Reasons.MANUAL_PROMOTION_UNSUPPORTED,
          ("spec.analysis has TestTraffic checks but deployment group %s/%s has ready option %s, so"
                  + " CodeDeploy would shift production traffic before they run; set its"
                  + " deploymentReadyOption.actionOnTimeout to STOP_DEPLOYMENT")
              .formatted(
                  codeDeploy.application(), codeDeploy.deploymentGroup(), group.readyAction()));
    }
    if (has(spec, AnalysisPhase.Baking) && group.terminationWaitMinutes() == 0) {
      return reject(
          Reasons.BAKE_TOO_SHORT,
          ("spec.analysis has Baking checks but deployment group %s/%s has a termination wait"
                  + " of 0 minutes, so CodeDeploy terminates blue at once and they never run; set"
                  + " its terminationWaitTimeInMinutes above 0")
              .formatted(codeDeploy.application(), codeDeploy.deploymentGroup()));
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
    return null;
  }

  private Plan missingGroup() {
    var codeDeploy = release.getSpec().codeDeploy();
    if (codeDeploy.create() != null) {
      return new Plan(
          new Decision.EnsureInfrastructure(
              new DeploymentGroupChange(
                  ManagedGroupMapper.desired(release.getSpec()), true, List.of())),
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

  /**
   * The revision the service ran before this attempt's ended deployment: the one recorded when the
   * deployment was created, or, when the operator died between creating it and writing the status,
   * the service's own as long as it is not this release's revision (the deployment did not take, or
   * was rolled back). Unknown otherwise.
   */
  private String previousOfEnded() {
    if (facts.previousTaskDefinitionArn() != null) {
      return facts.previousTaskDefinitionArn();
    }
    String running = observation.service().taskDefinitionArn();
    if (observation.taskDefinition() instanceof TaskDefinitionPlan.Use use
        && running != null
        && !running.equals(use.arn())) {
      return running;
    }
    return null;
  }

  private Plan activeDeployment(DeploymentSnapshot active) {
    var owner = DeploymentDescription.parse(active.description());
    String uid = release.getMetadata().getUid();
    if (!active.isRollback() && owner.isPresent() && owner.get().uid().equals(uid)) {
      if (owner.get().token().equals(facts.releaseToken())) {
        return adopt(active, observation.service().taskDefinitionArn());
      }
      return new Plan(
          new Decision.Stop(active.deploymentId()),
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

  /**
   * This attempt's deployment, found by the token in its description: its id goes into the facts
   * and later passes track it like any other. One that already ended is settled here when its
   * outcome is known without its rollback deployment (Succeeded, or Failed without rollback); a
   * rolled-back one is settled by the next pass, which reads the rollback deployment.
   *
   * @param previousArn the revision the service ran before; the service's current one only while
   *     the deployment is active
   */
  private Plan adopt(DeploymentSnapshot deployment, String previousArn) {
    var adopted =
        facts.withDeployment(
            deployment.deploymentId(),
            deployment.state().name(),
            deployment.rollbackDeploymentId());
    if (observation.taskDefinition() instanceof TaskDefinitionPlan.Use use) {
      adopted = adopted.withTaskDefinitions(use.arn(), previousArn);
    }
    var report =
        DeploymentPhases.report(
            deployment, null, StatusFormat.familyRevision(adopted.taskDefinitionArn()));
    return Plan.observing(adopted, report, deployment.completeTime(), now);
  }

  private Plan taskDefinition() {
    return TaskDefinitionStep.next(
        observation.taskDefinition(),
        observation.service().taskDefinitionArn(),
        facts,
        now,
        "Creating the CodeDeploy deployment");
  }

  private Plan reject(String reason, String message) {
    return new Plan(
        new Decision.Observe(), facts, Report.stalled(Phase.Failed, reason, message), null);
  }

  /** Whether the spec has analysis checks that run in this phase. */
  private static boolean has(EcsBlueGreenReleaseSpec spec, AnalysisPhase phase) {
    return spec.analysis().stream().anyMatch(c -> c.phase() == phase);
  }
}
