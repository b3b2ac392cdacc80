package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.analysis.GreenTargetGroups;
import dev.ecsbluegreen.operator.analysis.ListenerRoutes;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.aws.Gather;
import dev.ecsbluegreen.operator.config.OperatorConfig;
import dev.ecsbluegreen.operator.events.EventFlow;
import dev.ecsbluegreen.operator.reconciler.codedeploy.CodeDeployEngine;
import dev.ecsbluegreen.operator.reconciler.codedeploy.DeploymentTracker;
import dev.ecsbluegreen.operator.reconciler.ecs.EcsEngine;
import dev.ecsbluegreen.operator.reconciler.ecs.ServiceDeploymentTracker;
import java.time.Clock;

/**
 * The one place that knows which engines exist and which one a release uses. Engines are built once
 * and shared by every release.
 */
public final class ReleaseEngines {
  private final ReleaseEngine codeDeploy;
  private final ReleaseEngine ecs;

  public ReleaseEngines(ReleaseEngine codeDeploy, ReleaseEngine ecs) {
    this.codeDeploy = codeDeploy;
    this.ecs = ecs;
  }

  /**
   * How many active polls a running deployment's ECS target may go unread while nothing is due:
   * hooks and installs show a pass or two late, the deployment's own state never.
   */
  static final int TARGET_REFRESH_POLLS = 3;

  /**
   * The engines of an operator talking to AWS through {@code aws}, on the operator's clock.
   *
   * @param events whether pushed events report a deployment, so its target is read only for a
   *     change, and what they told, which answers the pass an event sets off
   * @param firstAttempts what the operator's executor records of the attempts it begins
   */
  public static ReleaseEngines of(
      AwsAccess aws,
      OperatorConfig config,
      Clock clock,
      EventFlow events,
      FirstAttempts firstAttempts) {
    // Releases in flight wake up on Requeue's grid: their shared reads wait for one tick's passes.
    var gather = Gather.onGrid(Requeue.tick(config));
    var tracker =
        new DeploymentTracker(
            aws,
            clock,
            config.fastPoll().multipliedBy(TARGET_REFRESH_POLLS),
            gather,
            events::covers,
            events.news());
    var revisions = new TaskDefinitionChoice(firstAttempts);
    return new ReleaseEngines(
        new CodeDeployEngine(aws, tracker, revisions, config, clock),
        new EcsEngine(aws, new ServiceDeploymentTracker(aws, gather), revisions, config, clock));
  }

  /**
   * The engine the release's spec selects: ECS for {@code spec.ecs}, CodeDeploy otherwise (the API
   * server admits exactly one of {@code spec.codeDeploy} and {@code spec.ecs}).
   */
  public ReleaseEngine forRelease(EcsBlueGreenRelease release) {
    return release.getSpec().ecs() != null ? ecs : codeDeploy;
  }

  /** Which target group green serves from, for cloudWatch checks: each release's engine. */
  public GreenTargetGroups greenTargetGroups() {
    return subject -> forRelease(subject.release()).greenTargetGroups().arn(subject);
  }

  /** Where releases route their listeners, for http checks by listener: each release's engine. */
  public ListenerRoutes listenerRoutes() {
    return (release, deploymentId, listener) ->
        forRelease(release).listenerRoutes().listenerArn(release, deploymentId, listener);
  }
}
