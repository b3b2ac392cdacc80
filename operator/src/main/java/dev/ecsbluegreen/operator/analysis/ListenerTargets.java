package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.HttpCheck.CheckListener;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.aws.DeploymentGroupState;
import dev.ecsbluegreen.operator.aws.ListenerAddress;
import dev.ecsbluegreen.operator.aws.LruMap;
import dev.ecsbluegreen.operator.errors.ReleaseException;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Resolves an http check's {@code listener} from the release's own load balancer data: the listener
 * ARN from the CodeDeploy deployment group's traffic routes (read once per deployment), then its
 * address through Elastic Load Balancing (read once per listener ARN: listeners rarely move, and a
 * few hundred addresses cost nothing to keep).
 */
public final class ListenerTargets implements CheckTargets {
  static final int CAPACITY = 512;

  private final AwsAccess aws;
  private final Map<String, ListenerAddress> addresses =
      Collections.synchronizedMap(new LruMap<>(CAPACITY));
  private final Map<RouteKey, String> routes = Collections.synchronizedMap(new LruMap<>(CAPACITY));

  public ListenerTargets(AwsAccess aws) {
    this.aws = aws;
  }

  /** The listener of a kind a deployment's group routes through. */
  private record RouteKey(String deploymentId, CheckListener listener) {}

  @Override
  public AnalysisCheck resolve(
      EcsBlueGreenRelease release, String deploymentId, AnalysisCheck check) {
    var http = check.http();
    if (http == null || http.listener() == null) {
      return check;
    }
    try {
      String listenerArn = listenerArn(release, deploymentId, http.listener());
      ListenerAddress address = addresses.get(listenerArn);
      if (address == null) {
        address = aws.forRelease(release).loadBalancers().address(listenerArn);
        addresses.put(listenerArn, address);
      }
      return check.withHttp(http.toUrl(address.url(http.path()).toString()));
    } catch (ReleaseException e) {
      throw new UnresolvedTargetException(
          "the %s listener could not be resolved: %s".formatted(http.listener(), e.getMessage()));
    }
  }

  private String listenerArn(
      EcsBlueGreenRelease release, String deploymentId, CheckListener listener) {
    var key = new RouteKey(deploymentId, listener);
    String cached = routes.get(key);
    if (cached != null) {
      return cached;
    }
    var codeDeploy = release.getSpec().codeDeploy();
    if (codeDeploy == null) {
      throw new UnresolvedTargetException(
          "http checks on a listener need spec.codeDeploy: the ECS engine's listeners are not"
              + " resolved yet; give the check a url");
    }
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
