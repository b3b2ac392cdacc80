package dev.ecsbluegreen.operator.reconciler.codedeploy;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck.AnalysisPhase;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.aws.DeploymentDescription;
import dev.ecsbluegreen.operator.aws.DeploymentGroupState;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot;
import dev.ecsbluegreen.operator.aws.ServiceState;
import dev.ecsbluegreen.operator.errors.AwsAccessException;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import dev.ecsbluegreen.operator.reconciler.Observation;
import dev.ecsbluegreen.operator.reconciler.RegistrationReads;
import dev.ecsbluegreen.operator.reconciler.ReleasePass;
import dev.ecsbluegreen.operator.reconciler.TaskDefinitionChoice;
import dev.ecsbluegreen.operator.taskdef.TaskDefinitionPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads what a release's stage needs from CodeDeploy and ECS and nothing else; never changes
 * anything. Failures no retry can fix become {@link PreparingReads#problem()}; transient ones
 * propagate for JOSDK's retry. The passes of one decision share their reads: the reads a pass
 * decided to register a revision on are kept ({@link RegistrationReads}), so the pass that creates
 * the deployment after it, or the one that comes back when the budget turned the registration away,
 * decides from them; and the search for an ended deployment of the attempt is skipped while no
 * CreateDeployment can have carried its token ({@link PreparingMemory}; so is the look at the
 * group's active deployments, when the attempt registers a new revision). The service and the group
 * are read together with the other releases preparing at the same moment ({@link
 * SharedPreparingReads}).
 */
final class CodeDeployObserver {
  /**
   * How far before the recorded intent the search for ended deployments starts: the intent time is
   * the operator's clock, a deployment's create time is CodeDeploy's.
   */
  static final Duration CLOCK_MARGIN = Duration.ofMinutes(10);

  private final AwsAccess aws;
  private final DeploymentTracker tracker;
  private final PreparingMemory memory;
  private final SharedPreparingReads shared;
  private final TaskDefinitionChoice revisions;
  private final RegistrationReads<BeforeRegistering> registrationReads;

  /**
   * The reads a pass decided to register a revision on: the service, the ready group (with no
   * deployment in it, else the pass would not have registered) and what to register.
   */
  record BeforeRegistering(
      ServiceState service, DeploymentGroupState group, TaskDefinitionPlan.Register plan) {}

  CodeDeployObserver(
      AwsAccess aws,
      DeploymentTracker tracker,
      PreparingMemory memory,
      SharedPreparingReads shared,
      TaskDefinitionChoice revisions,
      RegistrationReads<BeforeRegistering> registrationReads) {
    this.aws = aws;
    this.tracker = tracker;
    this.memory = memory;
    this.shared = shared;
    this.revisions = revisions;
    this.registrationReads = registrationReads;
  }

  Observation observe(ReleasePass pass) {
    return switch (pass.stage()) {
      case NEW -> {
        // A NEW pass records the intent of the desired token; see PreparingMemory.
        memory.intentRecorded(pass.release().getMetadata().getUid(), pass.desiredToken());
        yield Observation.only(pass.stage());
      }
      case SETTLED -> Observation.only(pass.stage());
      case TRACKING -> tracking(pass.release());
      case PREPARING -> preparing(pass);
    };
  }

  private Observation tracking(EcsBlueGreenRelease release) {
    var status = release.getStatus();
    var tracked =
        tracker.track(
            release.getSpec().aws(),
            status.deploymentId(),
            status.rollbackDeploymentId(),
            release.getSpec().service(),
            release.getSpec().analysis().stream()
                .anyMatch(check -> check.phase() == AnalysisPhase.ShiftingTraffic));
    return Observation.tracked(tracked.deployment(), tracked.rollback());
  }

  private Observation preparing(ReleasePass pass) {
    var release = pass.release();
    String uid = release.getMetadata().getUid();
    String token = release.getStatus().releaseToken();
    String registered = release.getStatus().taskDefinitionArn();
    boolean nothingCarries = memory.noDeploymentCarries(uid, token);
    var registeredFrom =
        registered != null && nothingCarries
            ? registrationReads.registeredFrom(uid, token)
            : Optional.<BeforeRegistering>empty();
    if (registeredFrom.isPresent()) {
      // A pass before read all this and registered the revision. Nothing in the group can be
      // ours yet, and a deployment someone else started since makes CreateDeployment answer that
      // the group is busy, which the next pass reads afresh.
      var reads = registeredFrom.get();
      return PreparingReads.observed(
          reads.service(),
          Optional.of(reads.group()),
          List.of(),
          new TaskDefinitionPlan.Use(registered),
          null);
    }
    var decided =
        registered == null && nothingCarries && revisions.turnedAway(pass)
            ? registrationReads.reuse(uid, token)
            : Optional.<BeforeRegistering>empty();
    if (decided.isPresent()) {
      // The pass before read all this, decided to register, and the budget turned the
      // registration away unsent: nothing it read has been acted on, and it comes back now at its
      // turn to register.
      var reads = decided.get();
      return PreparingReads.observed(
          reads.service(), Optional.of(reads.group()), List.of(), reads.plan(), null);
    }
    return read(pass, uid, token);
  }

  private Observation read(ReleasePass pass, String uid, String token) {
    var release = pass.release();
    var spec = release.getSpec();
    var gateways = aws.forRelease(release);
    var app = spec.codeDeploy().application();
    var group = spec.codeDeploy().deploymentGroup();
    try {
      var service = shared.service(spec.aws(), spec.service().cluster(), spec.service().name());
      var groupState = shared.group(spec.aws(), app, group);
      if (groupState.isEmpty()) {
        return PreparingReads.observed(service, groupState, null, null, null);
      }
      var plan = revisions.plan(pass, gateways.ecs(), service);
      if (plan instanceof TaskDefinitionPlan.Register register
          && memory.noDeploymentCarries(uid, token)) {
        // Nothing can carry this attempt's token, and a revision not registered yet is no
        // service's: the group's deployments decide nothing here. A deployment holding the group
        // makes CreateDeployment answer that it is busy, and the pass after that reads them.
        registrationReads.keep(
            uid, token, new BeforeRegistering(service, groupState.get(), register));
        return PreparingReads.observed(service, groupState, List.of(), plan, null);
      }
      var active = gateways.codeDeploy().activeDeployments(app, group);
      var ended = memory.noDeploymentCarries(uid, token) ? null : ended(release, gateways, active);
      if (plan instanceof TaskDefinitionPlan.Register register
          && active.isEmpty()
          && ended == null) {
        registrationReads.keep(
            uid, token, new BeforeRegistering(service, groupState.get(), register));
      }
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
