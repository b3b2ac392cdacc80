package dev.ecsbluegreen.operator.reconciler.ecs;

import dev.ecsbluegreen.operator.analysis.GreenTargetGroups;
import dev.ecsbluegreen.operator.analysis.ListenerRoutes;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.TrafficSplit;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.aws.ServiceDeploymentSnapshot;
import dev.ecsbluegreen.operator.aws.TrackedDeployment;
import dev.ecsbluegreen.operator.config.OperatorConfig;
import dev.ecsbluegreen.operator.reconciler.Facts;
import dev.ecsbluegreen.operator.reconciler.Observation;
import dev.ecsbluegreen.operator.reconciler.Plan;
import dev.ecsbluegreen.operator.reconciler.RegistrationReads;
import dev.ecsbluegreen.operator.reconciler.ReleaseEngine;
import dev.ecsbluegreen.operator.reconciler.ReleasePass;
import dev.ecsbluegreen.operator.reconciler.Report;
import dev.ecsbluegreen.operator.reconciler.TaskDefinitionChoice;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Releases through Amazon ECS's own blue/green, linear and canary service deployments ({@code
 * spec.ecs}): UpdateService starts one, DescribeServiceDeployments follows it, PAUSE hooks hold it
 * for a promote. Puts together this package's parts; each does one job.
 */
public final class EcsEngine implements ReleaseEngine {
  private final EcsObserver observer;
  private final EcsExecution execution;
  private final EcsReleaseCleaner cleaner;
  private final ServiceListenerRoutes listenerRoutes;
  private final RevisionTargetGroups greenTargetGroups;

  /**
   * @param tracker the one reader of service deployment state, shared by every release of this
   *     engine
   * @param revisions how a preparing pass picks its task definition revision
   * @param clock the operator's clock
   */
  public EcsEngine(
      AwsAccess aws,
      ServiceDeploymentTracker tracker,
      TaskDefinitionChoice revisions,
      OperatorConfig config,
      Clock clock) {
    var services = new SharedServiceReads(aws, SharedServiceReads.GATHER);
    this.observer =
        new EcsObserver(aws, tracker, services, revisions, new RegistrationReads<>(clock));
    this.listenerRoutes = new ServiceListenerRoutes(services);
    this.greenTargetGroups = new RevisionTargetGroups(aws);
    this.execution = new EcsExecution(aws, tracker);
    this.cleaner = new EcsReleaseCleaner(aws, tracker, config);
  }

  @Override
  public String name() {
    return "ECS";
  }

  @Override
  public Observation observe(ReleasePass pass) {
    return observer.observe(pass);
  }

  @Override
  public Plan prepare(ReleasePass pass, Facts facts, Observation observation, Instant now) {
    // This engine's observer made the reads of every PREPARING pass of its releases.
    var reads = (EcsPreparingReads) observation.preparing();
    return new EcsPreparingRules(pass.release(), facts, reads, now).plan();
  }

  @Override
  public Report report(
      TrackedDeployment deployment, TrackedDeployment rollback, String taskDefinition) {
    // The core passes the rollback once an earlier pass recorded it: for ECS the same deployment.
    return ServiceDeploymentPhases.report(snapshot(deployment), rollback != null, taskDefinition);
  }

  @Override
  public boolean succeeded(String deploymentStatus) {
    return "SUCCESSFUL".equals(deploymentStatus);
  }

  /** The events queue carries CodeDeploy's state changes only; ECS releases are polled. */
  @Override
  public boolean eventsReport(String deploymentStatus) {
    return false;
  }

  @Override
  public TrafficSplit traffic(TrackedDeployment deployment) {
    return ServiceDeploymentPhases.traffic(snapshot(deployment));
  }

  @Override
  public Optional<Instant> transitionDue(TrackedDeployment deployment) {
    return ServiceDeploymentDue.next(snapshot(deployment));
  }

  @Override
  public Execution execution() {
    return execution;
  }

  @Override
  public ListenerRoutes listenerRoutes() {
    return listenerRoutes;
  }

  @Override
  public GreenTargetGroups greenTargetGroups() {
    return greenTargetGroups;
  }

  @Override
  public DeleteControl cleanup(ReleasePass pass) {
    return cleaner.cleanup(pass.release());
  }

  /** This engine's observer reads every deployment its releases track as a service deployment. */
  private static ServiceDeploymentSnapshot snapshot(TrackedDeployment deployment) {
    return (ServiceDeploymentSnapshot) deployment;
  }
}
