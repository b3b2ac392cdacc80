package dev.ecsbluegreen.operator.reconciler.codedeploy;

import dev.ecsbluegreen.operator.analysis.ListenerRoutes;
import dev.ecsbluegreen.operator.analysis.UnresolvedTargetException;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.HttpCheck.CheckListener;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.aws.DeploymentGroupState;
import dev.ecsbluegreen.operator.aws.LruMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A CodeDeploy release's listeners: the test or production traffic route of its deployment group,
 * read once per deployment (a group's routes change only between deployments).
 */
public final class GroupListenerRoutes implements ListenerRoutes {
  static final int CAPACITY = 512;

  private final AwsAccess aws;
  private final Map<RouteKey, String> routes = Collections.synchronizedMap(new LruMap<>(CAPACITY));

  public GroupListenerRoutes(AwsAccess aws) {
    this.aws = aws;
  }

  /** The listener of a kind a deployment's group routes through. */
  private record RouteKey(String deploymentId, CheckListener listener) {}

  @Override
  public String listenerArn(
      EcsBlueGreenRelease release, String deploymentId, CheckListener listener) {
    var key = new RouteKey(deploymentId, listener);
    String cached = routes.get(key);
    if (cached != null) {
      return cached;
    }
    var codeDeploy = release.getSpec().codeDeploy();
    String application = codeDeploy.application();
    String group = codeDeploy.deploymentGroup();
    DeploymentGroupState state =
        aws.forRelease(release)
            .deploymentGroups()
            .describeAll(application, List.of(group))
            .get(group);
    if (state == null) {
      throw new UnresolvedTargetException(
          "the %s listener could not be resolved: deployment group %s/%s does not exist"
              .formatted(listener, application, group));
    }
    List<String> arns =
        listener == CheckListener.Test ? state.testListenerArns() : state.productionListenerArns();
    if (arns == null || arns.isEmpty()) {
      throw new UnresolvedTargetException(
          "the %s listener could not be resolved: deployment group %s/%s has no %s traffic route"
              .formatted(
                  listener,
                  application,
                  group,
                  listener == CheckListener.Test ? "test" : "production"));
    }
    routes.put(key, arns.get(0));
    return arns.get(0);
  }
}
