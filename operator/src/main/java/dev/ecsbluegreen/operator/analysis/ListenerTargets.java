package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.aws.ListenerAddress;
import dev.ecsbluegreen.operator.aws.LruMap;
import dev.ecsbluegreen.operator.errors.AwsOutageException;
import dev.ecsbluegreen.operator.errors.ReleaseException;
import dev.ecsbluegreen.operator.errors.TransientAwsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;

/**
 * Resolves an http check's {@code listener} from the release's own load balancer data: the listener
 * ARN from where the release's engine routes it ({@link ListenerRoutes}), then its address through
 * Elastic Load Balancing. An address is used for {@link #FRESH_FOR} before ELB is asked again: a
 * listener's load balancer can be re-created under another DNS name, or the listener moved to
 * another port, and a check must find it within minutes, not at the operator's next restart.
 */
public final class ListenerTargets implements CheckTargets {
  static final int CAPACITY = 512;

  /**
   * How long a resolved address is used: checks every few seconds cost ELB two reads per listener
   * every five minutes, and a re-created load balancer is measured within five.
   */
  static final Duration FRESH_FOR = Duration.ofMinutes(5);

  /** A listener's address and when ELB gave it. */
  private record Resolved(ListenerAddress address, Instant at) {}

  private final AwsAccess aws;
  private final Map<String, Resolved> addresses =
      Collections.synchronizedMap(new LruMap<>(CAPACITY));
  private final ListenerRoutes routes;
  private final Clock clock;

  /**
   * @param routes where the release's engine routes each kind of listener
   * @param clock when an address was resolved and when it is due again
   */
  public ListenerTargets(AwsAccess aws, ListenerRoutes routes, Clock clock) {
    this.aws = aws;
    this.routes = routes;
    this.clock = clock;
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
      ListenerAddress address = address(release, listenerArn);
      return check.withHttp(http.toUrl(address.url(http.path()).toString()));
    } catch (ReleaseException e) {
      throw new UnresolvedTargetException(
          "the %s listener could not be resolved: %s".formatted(http.listener(), e.getMessage()));
    }
  }

  private ListenerAddress address(EcsBlueGreenRelease release, String listenerArn) {
    Instant now = clock.instant();
    Resolved known = addresses.get(listenerArn);
    if (known != null && now.isBefore(known.at().plus(FRESH_FOR))) {
      return known.address();
    }
    try {
      var address = aws.forRelease(release).loadBalancers().address(listenerArn);
      addresses.put(listenerArn, new Resolved(address, now));
      return address;
    } catch (TransientAwsException | AwsOutageException e) {
      if (known == null) {
        throw e;
      }
      // ELB not answering says nothing about the listener: its last address is likelier right
      // than a run measuring nothing. Asked again at the next run.
      return known.address();
    } catch (ReleaseException e) {
      // ELB no longer knows the listener (or it speaks no HTTP): the old address is wrong.
      addresses.remove(listenerArn);
      throw e;
    }
  }
}
