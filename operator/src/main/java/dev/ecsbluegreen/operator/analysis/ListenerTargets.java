package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.aws.ListenerAddress;
import dev.ecsbluegreen.operator.aws.LruMap;
import dev.ecsbluegreen.operator.errors.ReleaseException;
import java.util.Collections;
import java.util.Map;

/**
 * Resolves an http check's {@code listener} from the release's own load balancer data: the listener
 * ARN from where the release's engine routes it ({@link ListenerRoutes}), then its address through
 * Elastic Load Balancing (read once per listener ARN: listeners rarely move, and a few hundred
 * addresses cost nothing to keep).
 */
public final class ListenerTargets implements CheckTargets {
  static final int CAPACITY = 512;

  private final AwsAccess aws;
  private final Map<String, ListenerAddress> addresses =
      Collections.synchronizedMap(new LruMap<>(CAPACITY));
  private final ListenerRoutes routes;

  /**
   * @param routes where the release's engine routes each kind of listener
   */
  public ListenerTargets(AwsAccess aws, ListenerRoutes routes) {
    this.aws = aws;
    this.routes = routes;
  }

  @Override
  public AnalysisCheck resolve(
      EcsBlueGreenRelease release, String deploymentId, AnalysisCheck check) {
    var http = check.http();
    if (http == null || http.listener() == null) {
      return check;
    }
    try {
      String listenerArn = routes.listenerArn(release, deploymentId, http.listener());
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
}
