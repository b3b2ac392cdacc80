package dev.ecsbluegreen.operator.reconciler.ecs;

import dev.ecsbluegreen.operator.api.v1alpha1.DeletionPolicy;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.aws.ServiceDeploymentGateway;
import dev.ecsbluegreen.operator.config.OperatorConfig;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import dev.ecsbluegreen.operator.reconciler.Facts;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What deleting a release does in ECS. {@code StopDeployment}: stop this release's running service
 * deployment with rollback and keep the finalizer until ECS reports the rollback ended. {@code
 * Orphan}: leave it. Nothing else in AWS is deleted. Safe to repeat.
 */
final class EcsReleaseCleaner {
  private static final Logger log = LoggerFactory.getLogger(EcsReleaseCleaner.class);

  private final AwsAccess aws;
  private final ServiceDeploymentTracker tracker;
  private final OperatorConfig config;

  EcsReleaseCleaner(AwsAccess aws, ServiceDeploymentTracker tracker, OperatorConfig config) {
    this.aws = aws;
    this.tracker = tracker;
    this.config = config;
  }

  DeleteControl cleanup(EcsBlueGreenRelease release) {
    if (release.getSpec().deletionPolicy() == DeletionPolicy.Orphan) {
      log.info("Left any running service deployment of the release alone (deletionPolicy Orphan)");
      return DeleteControl.defaultDelete();
    }
    var ecs = aws.forRelease(release).serviceDeployments();
    var facts = Facts.from(release.getStatus());
    if (facts.completedAt() != null || facts.releaseToken() == null) {
      return DeleteControl.defaultDelete();
    }
    String arn = facts.deploymentId();
    try {
      if (arn == null) {
        arn = unrecordedDeployment(release, ecs, facts);
      }
    } catch (InvalidReleaseException e) {
      log.info("Found no ECS service to clean up: {}", e.getMessage());
      return DeleteControl.defaultDelete();
    }
    if (arn == null) {
      return DeleteControl.defaultDelete();
    }
    var deployment = tracker.track(release.getSpec().aws(), arn);
    if (deployment == null || deployment.ended()) {
      return DeleteControl.defaultDelete();
    }
    if (!deployment.rollingBack()) {
      ecs.stopWithRollback(arn);
      log.info("Stopped ECS service deployment {} with rollback before deleting the release", arn);
    }
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(config.fastPoll());
  }

  /**
   * The service's current deployment when UpdateService may have started it for this attempt but
   * its ARN never reached the status (a crash or a lost answer): one created since the intent.
   */
  private static String unrecordedDeployment(
      EcsBlueGreenRelease release, ServiceDeploymentGateway ecs, Facts facts) {
    if (facts.requestedAt() == null) {
      return null;
    }
    var service = release.getSpec().service();
    var current = ecs.describeService(service.cluster(), service.name()).current();
    Instant since = Instant.parse(facts.requestedAt()).minus(EcsPreparingRules.CLOCK_MARGIN);
    if (current == null || current.createTime() == null || current.createTime().isBefore(since)) {
      return null;
    }
    return current.deploymentId();
  }
}
