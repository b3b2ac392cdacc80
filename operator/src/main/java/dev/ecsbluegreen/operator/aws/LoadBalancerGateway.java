package dev.ecsbluegreen.operator.aws;

/** Elastic Load Balancing in our vocabulary: where a listener can be reached. */
public interface LoadBalancerGateway {

  /**
   * The address of a listener: DescribeListeners for its protocol, port and load balancer, then
   * DescribeLoadBalancers for that load balancer's DNS name. A listener or load balancer AWS does
   * not know is an InvalidReleaseException naming it; an unreachable ELB a TransientAwsException.
   */
  ListenerAddress address(String listenerArn);
}
