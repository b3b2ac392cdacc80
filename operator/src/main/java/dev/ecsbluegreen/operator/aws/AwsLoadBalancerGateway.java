package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

/** {@link LoadBalancerGateway} on the SDK's Elastic Load Balancing v2 client (two reads only). */
public final class AwsLoadBalancerGateway implements LoadBalancerGateway {

  private final ElasticLoadBalancingV2Client elb;

  public AwsLoadBalancerGateway(ElasticLoadBalancingV2Client elb) {
    this.elb = elb;
  }

  @Override
  public ListenerAddress address(String listenerArn) {
    String resource = "listener " + listenerArn;
    Listener listener =
        AwsErrors.call(
                "DescribeListeners",
                resource,
                () -> elb.describeListeners(r -> r.listenerArns(listenerArn)))
            .listeners()
            .stream()
            .findFirst()
            .orElseThrow(() -> notFound(resource));
    String scheme = scheme(listener);
    LoadBalancer loadBalancer =
        AwsErrors.call(
                "DescribeLoadBalancers",
                "load balancer " + listener.loadBalancerArn(),
                () ->
                    elb.describeLoadBalancers(r -> r.loadBalancerArns(listener.loadBalancerArn())))
            .loadBalancers()
            .stream()
            .findFirst()
            .orElseThrow(() -> notFound("load balancer " + listener.loadBalancerArn()));
    return new ListenerAddress(scheme, loadBalancer.dnsName(), listener.port());
  }

  /** An http check sends HTTP requests: only an HTTP or HTTPS listener can answer them. */
  private static String scheme(Listener listener) {
    if (listener.protocol() == ProtocolEnum.HTTP) {
      return "http";
    }
    if (listener.protocol() == ProtocolEnum.HTTPS) {
      return "https";
    }
    throw new InvalidReleaseException(
        "listener %s speaks %s: an http check needs an HTTP or HTTPS listener"
            .formatted(listener.listenerArn(), listener.protocolAsString()));
  }

  private static InvalidReleaseException notFound(String resource) {
    return new InvalidReleaseException("Elastic Load Balancing does not know " + resource);
  }
}
