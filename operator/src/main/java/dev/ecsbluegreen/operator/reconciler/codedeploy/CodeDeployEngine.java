package dev.ecsbluegreen.operator.reconciler.codedeploy;

import dev.ecsbluegreen.operator.analysis.GreenTargetGroups;
import dev.ecsbluegreen.operator.analysis.ListenerRoutes;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.TrafficSplit;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot;
import dev.ecsbluegreen.operator.aws.DeploymentState;
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
import java.util.Arrays;
import java.util.Optional;

/**
 * Releases through an AWS CodeDeploy blue/green deployment of the ECS service ({@code
 * spec.codeDeploy}). Puts together this package's parts; each does one job.
 */
public final class CodeDeployEngine implements ReleaseEngine {
  private final CodeDeployObserver observer;
  private final CodeDeployExecution execution;
  private final ReleaseCleaner cleaner;
  private final GroupListenerRoutes listenerRoutes;
  private final TaskSetTargetGroups greenTargetGroups;

  /**
   * @param tracker the one reader of deployment state, shared by every release of this engine
   * @param revisions how a preparing pass picks its task definition revision
   * @param clock the operator's clock
   */
  public CodeDeployEngine(
      AwsAccess aws,
      DeploymentTracker tracker,
      TaskDefinitionChoice revisions,
      OperatorConfig config,
      Clock clock) {
    var memory = new PreparingMemory();
    this.observer =
        new CodeDeployObserver(
            aws,
            tracker,
            memory,
            new SharedPreparingReads(aws, SharedPreparingReads.GATHER),
            revisions,
            new RegistrationReads<>(clock));
    this.execution = new CodeDeployExecution(aws, memory, tracker, clock);
    this.cleaner = new ReleaseCleaner(aws, tracker, config, memory);
    this.listenerRoutes = new GroupListenerRoutes(aws);
    this.greenTargetGroups = new TaskSetTargetGroups(aws);
  }

  @Override
  public String name() {
    return "CodeDeploy";
  }

  @Override
  public Observation observe(ReleasePass pass) {
    return observer.observe(pass);
  }

  @Override
  public Plan prepare(ReleasePass pass, Facts facts, Observation observation, Instant now) {
    // This engine's observer made the reads of every PREPARING pass of its releases.
    var reads = (PreparingReads) observation.preparing();
    return new PreparingRules(pass.release(), facts, reads, now).plan();
  }

  @Override
  public Report report(
      TrackedDeployment deployment, TrackedDeployment rollback, String taskDefinition) {
    return DeploymentPhases.report(snapshot(deployment), snapshot(rollback), taskDefinition);
  }

  @Override
  public boolean succeeded(String deploymentStatus) {
    return DeploymentState.SUCCEEDED.name().equals(deploymentStatus);
  }

  @Override
  public boolean eventsReport(String deploymentStatus) {
    return Arrays.stream(DeploymentState.values())
        .noneMatch(state -> state.ended() && state.name().equals(deploymentStatus));
  }

  @Override
  public TrafficSplit traffic(TrackedDeployment deployment) {
    return DeploymentPhases.traffic(snapshot(deployment));
  }

  @Override
  public Optional<Instant> transitionDue(TrackedDeployment deployment) {
    return DueTransitions.next(snapshot(deployment));
  }

  @Override
  public Optional<Instant> earliestEnd(TrackedDeployment deployment) {
    return DueTransitions.earliestEnd(snapshot(deployment));
  }

  @Override
  public Execution execution() {
    return execution;
  }

  /** This engine's observer reads every deployment its releases track as a CodeDeploy snapshot. */
  private static DeploymentSnapshot snapshot(TrackedDeployment deployment) {
    return (DeploymentSnapshot) deployment;
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
}
