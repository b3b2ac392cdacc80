package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.config.OperatorConfig;
import dev.ecsbluegreen.operator.reconciler.codedeploy.CodeDeployEngine;
import dev.ecsbluegreen.operator.reconciler.codedeploy.DeploymentTracker;
import java.time.Clock;

/**
 * The one place that knows which engines exist and which one a release uses. Engines are built once
 * and shared by every release.
 */
public final class ReleaseEngines {
  private final ReleaseEngine codeDeploy;

  public ReleaseEngines(ReleaseEngine codeDeploy) {
    this.codeDeploy = codeDeploy;
  }

  /**
   * How many active polls a running deployment's ECS target may go unread while nothing is due:
   * hooks and installs show a pass or two late, the deployment's own state never.
   */
  static final int TARGET_REFRESH_POLLS = 3;

  /** The engines of an operator talking to AWS through {@code aws}, on the operator's clock. */
  public static ReleaseEngines of(AwsAccess aws, OperatorConfig config, Clock clock) {
    var tracker =
        new DeploymentTracker(aws, clock, config.fastPoll().multipliedBy(TARGET_REFRESH_POLLS));
    return new ReleaseEngines(new CodeDeployEngine(aws, tracker, config));
  }

  /**
   * The engine the release's spec selects. {@code spec.codeDeploy} is required today, so this is
   * always CodeDeploy; the engine of {@code spec.ecs} is chosen here once it exists.
   */
  public ReleaseEngine forRelease(EcsBlueGreenRelease release) {
    return codeDeploy;
  }
}
