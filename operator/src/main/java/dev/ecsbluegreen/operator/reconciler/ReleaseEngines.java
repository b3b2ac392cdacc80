package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.config.OperatorConfig;
import dev.ecsbluegreen.operator.reconciler.codedeploy.CodeDeployEngine;
import dev.ecsbluegreen.operator.reconciler.codedeploy.DeploymentTracker;

/**
 * The one place that knows which engines exist and which one a release uses. Engines are built once
 * and shared by every release.
 */
public final class ReleaseEngines {
  private final ReleaseEngine codeDeploy;

  public ReleaseEngines(ReleaseEngine codeDeploy) {
    this.codeDeploy = codeDeploy;
  }

  /** The engines of an operator talking to AWS through {@code aws}. */
  public static ReleaseEngines of(AwsAccess aws, OperatorConfig config) {
    return new ReleaseEngines(new CodeDeployEngine(aws, new DeploymentTracker(), config));
  }

  /**
   * The engine the release's spec selects. {@code spec.codeDeploy} is required today, so this is
   * always CodeDeploy; the engine of {@code spec.ecs} is chosen here once it exists.
   */
  public ReleaseEngine forRelease(EcsBlueGreenRelease release) {
    return codeDeploy;
  }
}
