package dev.ecsbluegreen.operator.reconciler.codedeploy;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.aws.DeploymentDescription;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot;
import dev.ecsbluegreen.operator.errors.AwsAccessException;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import dev.ecsbluegreen.operator.reconciler.Observation;
import dev.ecsbluegreen.operator.reconciler.ReleasePass;
import dev.ecsbluegreen.operator.taskdef.TaskDefinitionResolver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reads what a release's stage needs from CodeDeploy and ECS and nothing else; never changes
 * anything. Failures no retry can fix become {@link PreparingReads#problem()}; transient ones
 * propagate for JOSDK's retry.
 */
final class CodeDeployObserver {
  /**
   * How far before the recorded intent the search for ended deployments starts: the intent time is
   * the operator's clock, a deployment's create time is CodeDeploy's.
   */
  static final Duration CLOCK_MARGIN = Duration.ofMinutes(10);

  private final AwsAccess aws;
  private final DeploymentTracker tracker;

  CodeDeployObserver(AwsAccess aws, DeploymentTracker tracker) {
    this.aws = aws;
    this.tracker = tracker;
  }

  Observation observe(ReleasePass pass) {
    return switch (pass.stage()) {
      case NEW, SETTLED -> Observation.only(pass.stage());
      case TRACKING -> tracking(pass.release());
      case PREPARING -> preparing(pass);
    };
  }

  private Observation tracking(EcsBlueGreenRelease release) {
    var status = release.getStatus();
    var codeDeploy = aws.forRelease(release).codeDeploy();
    var tracked = tracker.track(codeDeploy, status.deploymentId(), status.rollbackDeploymentId());
    return Observation.tracked(tracked.deployment(), tracked.rollback());
  }

  private Observation preparing(ReleasePass pass) {
    var release = pass.release();
    var spec = release.getSpec();
    var gateways = aws.forRelease(release);
    var app = spec.codeDeploy().application();
    var group = spec.codeDeploy().deploymentGroup();
    try {
      var service = gateways.ecs().describeService(spec.service().cluster(), spec.service().name());
      var groupState = gateways.deploymentGroups().describe(app, group);
      if (groupState.isEmpty()) {
        return PreparingReads.observed(service, groupState, null, null, null);
      }
      var active = gateways.codeDeploy().activeDeployments(app, group);
      var ended = ended(release, gateways, active);
      var plan = new TaskDefinitionResolver(gateways.ecs()).plan(pass.identity(), spec, service);
      return PreparingReads.observed(service, groupState, active, plan, ended);
    } catch (InvalidReleaseException | AwsAccessException e) {
      return PreparingReads.refused(e);
    }
  }

  /**
   * This attempt's deployment if it already ended: CreateDeployment's answer was lost (or the
   * operator stopped before recording the id) and the deployment ran to its end before a pass
   * looked among the active ones. Null when an active deployment carries the token, or when the
   * status has no intent time (written by an operator version that did not record it).
   */
  private DeploymentSnapshot ended(
      EcsBlueGreenRelease release, AwsAccess.Gateways gateways, List<DeploymentSnapshot> active) {
    var status = release.getStatus();
    String token = status.releaseToken();
    boolean activeOurs =
        active.stream()
            .anyMatch(
                d ->
                    DeploymentDescription.parse(d.description())
                        .filter(owner -> owner.token().equals(token))
                        .isPresent());
    if (activeOurs || status.requestedAt() == null) {
      return null;
    }
    var codeDeploy = release.getSpec().codeDeploy();
    return tracker
        .findEnded(
            gateways.codeDeploy(),
            codeDeploy.application(),
            codeDeploy.deploymentGroup(),
            Instant.parse(status.requestedAt()).minus(CLOCK_MARGIN),
            release.getMetadata().getUid(),
            token)
        .orElse(null);
  }
}
