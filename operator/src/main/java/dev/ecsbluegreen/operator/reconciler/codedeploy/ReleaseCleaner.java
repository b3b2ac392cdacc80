package dev.ecsbluegreen.operator.reconciler.codedeploy;

import dev.ecsbluegreen.operator.api.v1alpha1.DeletionPolicy;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.aws.CodeDeployGateway;
import dev.ecsbluegreen.operator.aws.DeploymentDescription;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot;
import dev.ecsbluegreen.operator.config.OperatorConfig;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import dev.ecsbluegreen.operator.reconciler.Facts;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What deleting a release does in AWS. {@code StopDeployment}: stop this release's running
 * deployment with rollback and keep the finalizer until CodeDeploy reports it (and its rollback)
 * ended. {@code Orphan}: leave it. Nothing else in AWS is deleted. Safe to repeat.
 */
final class ReleaseCleaner {
  private static final Logger log = LoggerFactory.getLogger(ReleaseCleaner.class);

  private final AwsAccess aws;
  private final DeploymentTracker tracker;
  private final OperatorConfig config;
  private final PreparingMemory memory;

  ReleaseCleaner(
      AwsAccess aws, DeploymentTracker tracker, OperatorConfig config, PreparingMemory memory) {
    this.aws = aws;
    this.tracker = tracker;
    this.config = config;
    this.memory = memory;
  }

  DeleteControl cleanup(EcsBlueGreenRelease release) {
    var control = stopAndWait(release);
    if (control.isRemoveFinalizer()) {
      memory.forget(release.getMetadata().getUid());
    }
    return control;
  }

  private DeleteControl stopAndWait(EcsBlueGreenRelease release) {
    if (release.getSpec().deletionPolicy() == DeletionPolicy.Orphan) {
      log.info("Left any running deployment of the release alone (deletionPolicy Orphan)");
      return DeleteControl.defaultDelete();
    }
    var codeDeploy = aws.forRelease(release).codeDeploy();
    var facts = Facts.from(release.getStatus());
    String id = facts.completedAt() != null ? null : facts.deploymentId();
    try {
      if (id == null && facts.releaseToken() != null && facts.completedAt() == null) {
        id = ownActiveDeployment(release, codeDeploy);
      }
    } catch (InvalidReleaseException e) {
      log.info("Found no deployment group to clean up: {}", e.getMessage());
      return DeleteControl.defaultDelete();
    }
    if (id == null) {
      return DeleteControl.defaultDelete();
    }
    var tracked =
        tracker.track(
            release.getSpec().aws(), id, facts.rollbackDeploymentId(), release.getSpec().service());
    DeploymentSnapshot deployment = tracked.deployment();
    if (deployment == null) {
      return DeleteControl.defaultDelete();
    }
    if (!deployment.state().ended()) {
      codeDeploy.stopDeployment(id, true);
      log.info("Stopped CodeDeploy deployment {} with rollback before deleting the release", id);
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(config.fastPoll());
    }
    if (deployment.rollbackDeploymentId() != null
        && (tracked.rollback() == null || !tracked.rollback().state().ended())) {
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(config.fastPoll());
    }
    log.info("Deployment {} ended {}; letting the release go", id, deployment.state());
    return DeleteControl.defaultDelete();
  }

  /** A deployment created for this release whose id never reached status (crash after create). */
  private static String ownActiveDeployment(
      EcsBlueGreenRelease release, CodeDeployGateway codeDeploy) {
    var codeDeploySpec = release.getSpec().codeDeploy();
    String uid = release.getMetadata().getUid();
    return codeDeploy
        .activeDeployments(codeDeploySpec.application(), codeDeploySpec.deploymentGroup())
        .stream()
        .filter(
            d ->
                DeploymentDescription.parse(d.description())
                    .filter(owner -> owner.uid().equals(uid))
                    .isPresent())
        .map(DeploymentSnapshot::deploymentId)
        .findFirst()
        .orElse(null);
  }
}
