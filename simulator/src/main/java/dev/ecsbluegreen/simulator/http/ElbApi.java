package dev.ecsbluegreen.simulator.http;

import dev.ecsbluegreen.simulator.world.AwsException;
import dev.ecsbluegreen.simulator.world.ListenerAddresses;
import dev.ecsbluegreen.simulator.world.LoadBalancers;
import dev.ecsbluegreen.simulator.world.SimulatedAws;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Elastic Load Balancing v2 (API 2015-12-01) over the query protocol, read-only: DescribeListeners
 * and DescribeLoadBalancers by ARN, for the world's load balancers. A listener's port and a load
 * balancer's DNS name are where the data plane really serves it, so a client that resolves a
 * listener this way reaches the simulated tasks behind it.
 */
final class ElbApi {

  static final String VERSION = "2015-12-01";
  private static final String NS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

  private final SimulatedAws aws;
  private final ListenerAddresses addresses;

  ElbApi(SimulatedAws aws, ListenerAddresses addresses) {
    this.aws = aws;
    this.addresses = addresses;
  }

  /** Answers the action's XML body, or throws the error ELB would give. */
  String invoke(String action, Map<String, String> form, String requestId) {
    return switch (action) {
      case "DescribeListeners" -> describeListeners(form, requestId);
      case "DescribeLoadBalancers" -> describeLoadBalancers(form, requestId);
      default ->
          throw AwsException.client(
              "InvalidAction", "Could not find operation " + action + " for version " + VERSION);
    };
  }

  private String describeListeners(Map<String, String> form, String requestId) {
    List<String> arns = members(form, "ListenerArns");
    if (arns.isEmpty()) {
      // ELB also lists by LoadBalancerArn; the operator always names its listeners.
      throw AwsException.client("ValidationError", "ListenerArns must name at least one listener");
    }
    var members = new StringBuilder();
    for (String arn : arns) {
      LoadBalancers.LoadBalancer lb =
          aws.loadBalancers()
              .byListenerArn(arn)
              .orElseThrow(
                  () ->
                      AwsException.client(
                          "ListenerNotFound", "One or more listeners not found: " + arn));
      members.append(
          """
              <member>
                <ListenerArn>%s</ListenerArn>
                <LoadBalancerArn>%s</LoadBalancerArn>
                <Port>%d</Port>
                <Protocol>HTTP</Protocol>
              </member>
          """
              .formatted(Xml.escape(arn), Xml.escape(lb.arn()), port(lb, arn)));
    }
    return """
        <DescribeListenersResponse xmlns="%s">
          <DescribeListenersResult>
            <Listeners>
        %s    </Listeners>
          </DescribeListenersResult>
          <ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata>
        </DescribeListenersResponse>
        """
        .formatted(NS, members, requestId);
  }

  private String describeLoadBalancers(Map<String, String> form, String requestId) {
    List<String> arns = members(form, "LoadBalancerArns");
    if (arns.isEmpty()) {
      throw AwsException.client(
          "ValidationError", "LoadBalancerArns must name at least one load balancer");
    }
    var members = new StringBuilder();
    for (String arn : arns) {
      LoadBalancers.LoadBalancer lb =
          aws.loadBalancers().all().stream()
              .filter(l -> l.arn().equals(arn))
              .findFirst()
              .orElseThrow(
                  () ->
                      AwsException.client(
                          "LoadBalancerNotFound", "One or more load balancers not found: " + arn));
      members.append(
          """
              <member>
                <LoadBalancerArn>%s</LoadBalancerArn>
                <LoadBalancerName>%s</LoadBalancerName>
                <DNSName>%s</DNSName>
                <Scheme>internal</Scheme>
                <Type>application</Type>
                <State><Code>active</Code></State>
              </member>
          """
              .formatted(Xml.escape(arn), Xml.escape(lb.name()), Xml.escape(addresses.host())));
    }
    return """
        <DescribeLoadBalancersResponse xmlns="%s">
          <DescribeLoadBalancersResult>
            <LoadBalancers>
        %s    </LoadBalancers>
          </DescribeLoadBalancersResult>
          <ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata>
        </DescribeLoadBalancersResponse>
        """
        .formatted(NS, members, requestId);
  }

  /** Where the data plane serves the listener; with no ports open, the port the world asked for. */
  private int port(LoadBalancers.LoadBalancer lb, String listenerArn) {
    int served = addresses.port(listenerArn);
    if (served > 0) {
      return served;
    }
    int requested =
        listenerArn.equals(lb.productionListenerArn())
            ? lb.requestedProductionPort()
            : lb.requestedTestPort();
    return requested > 0 ? requested : 80;
  }

  /** A query-protocol list: {@code Name.member.1}, {@code Name.member.2}, ... */
  private static List<String> members(Map<String, String> form, String name) {
    List<String> values = new ArrayList<>();
    for (int i = 1; form.containsKey(name + ".member." + i); i++) {
      values.add(form.get(name + ".member." + i));
    }
    return values;
  }
}
