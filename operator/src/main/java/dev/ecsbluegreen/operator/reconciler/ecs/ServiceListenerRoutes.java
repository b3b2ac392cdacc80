package dev.ecsbluegreen.operator.reconciler.ecs;

import dev.ecsbluegreen.operator.analysis.ListenerRoutes;
import dev.ecsbluegreen.operator.analysis.UnresolvedTargetException;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsTrafficResources;
import dev.ecsbluegreen.operator.api.v1alpha1.HttpCheck.CheckListener;
import dev.ecsbluegreen.operator.aws.ListenerRules;
import dev.ecsbluegreen.operator.aws.LruMap;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An ECS release's listeners: the listener its production or test listener rule belongs to. The
 * rules are the release's own {@code spec.ecs.loadBalancer} when it names them (the operator sets
 * them on the service with every deployment), else the service's {@code advancedConfiguration},
 * read through the engine's shared service reads once per deployment (the rules change only with an
 * UpdateService, which starts a new deployment).
 *
 * <p>A rule's listener is taken from the rule's ARN, which AWS builds from the listener's own path
 * ({@code listener-rule/app/<lb>/<lb-id>/<listener-id>/<rule-id>}): a rule never moves to another
 * listener, so no ELB {@code DescribeRules} call (nor its permission) is needed.
 */
final class ServiceListenerRoutes implements ListenerRoutes {
  static final int CAPACITY = 512;

  /** An ALB listener rule's ARN: its listener's ARN with {@code -rule} and the rule's id added. */
  private static final Pattern RULE =
      Pattern.compile("^(arn:[^:]+:elasticloadbalancing:[^:]+:[^:]+:)listener-rule(/.+)/[^/]+$");

  private static final Pattern LISTENER =
      Pattern.compile("^arn:[^:]+:elasticloadbalancing:[^:]+:[^:]+:listener/.+$");

  private final SharedServiceReads services;
  private final Map<RouteKey, Optional<ListenerRules>> serviceRules =
      Collections.synchronizedMap(new LruMap<>(CAPACITY));

  ServiceListenerRoutes(SharedServiceReads services) {
    this.services = services;
  }

  /** The service's rules while one deployment runs. */
  private record RouteKey(String deploymentId, String cluster, String service) {}

  @Override
  public String listenerArn(
      EcsBlueGreenRelease release, String deploymentId, CheckListener listener) {
    EcsTrafficResources own = release.getSpec().ecs().loadBalancer();
    String rule;
    if (own != null) {
      rule = listener == CheckListener.Test ? own.testListenerRule() : own.productionListenerRule();
      if (rule == null) {
        throw unresolved(listener, "spec.ecs.loadBalancer has no " + field(listener));
      }
    } else {
      rule = serviceRule(release, deploymentId, listener);
    }
    return listenerOf(rule, listener);
  }

  private String serviceRule(
      EcsBlueGreenRelease release, String deploymentId, CheckListener listener) {
    var spec = release.getSpec();
    String cluster = spec.service().cluster();
    String name = spec.service().name();
    String service = "ECS service %s/%s".formatted(cluster, name);
    var key = new RouteKey(deploymentId, cluster, name);
    Optional<ListenerRules> rules = serviceRules.get(key);
    if (rules == null) {
      // Read outside the map's lock: the read may wait for a shared batch. Kept also when the
      // service names no rules, which only a new deployment can change.
      rules = Optional.ofNullable(services.service(spec.aws(), cluster, name).listenerRules());
      serviceRules.put(key, rules);
    }
    if (rules.isEmpty()) {
      throw unresolved(
          listener,
          service
              + " has no loadBalancers[].advancedConfiguration (its listener rules), and"
              + " spec.ecs.loadBalancer names none");
    }
    String rule = listener == CheckListener.Test ? rules.get().test() : rules.get().production();
    if (rule == null) {
      throw unresolved(
          listener, service + " has no loadBalancers[].advancedConfiguration." + field(listener));
    }
    return rule;
  }

  /**
   * The listener of an ALB listener rule ARN; an NLB's rule is its listener ARN already (ECS takes
   * either).
   */
  static String listenerOf(String ruleArn, CheckListener listener) {
    var rule = RULE.matcher(ruleArn);
    if (rule.matches()) {
      return rule.group(1) + "listener" + rule.group(2);
    }
    if (LISTENER.matcher(ruleArn).matches()) {
      return ruleArn;
    }
    throw unresolved(listener, ruleArn + " is neither a listener rule ARN nor a listener ARN");
  }

  private static String field(CheckListener listener) {
    return listener == CheckListener.Test ? "testListenerRule" : "productionListenerRule";
  }

  private static UnresolvedTargetException unresolved(CheckListener listener, String why) {
    return new UnresolvedTargetException(
        "the %s listener could not be resolved: %s".formatted(listener, why));
  }
}
