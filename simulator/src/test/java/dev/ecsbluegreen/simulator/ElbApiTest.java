package dev.ecsbluegreen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsbluegreen.simulator.http.ApiCall;
import dev.ecsbluegreen.simulator.world.World;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

/** The ELB v2 API resolves a listener ARN to an address where the data plane really serves it. */
class ElbApiTest {

  private final SimulatorFixture f = new SimulatorFixture();
  private final ElasticLoadBalancingV2Client elb =
      ElasticLoadBalancingV2Client.builder()
          .endpointOverride(f.sim.endpoint())
          .region(Region.US_EAST_1)
          .credentialsProvider(SimulatorFixture.credentials("AKIDTEST"))
          .httpClient(UrlConnectionHttpClient.create())
          .build();

  @AfterEach
  void close() {
    elb.close();
    f.close();
  }

  @Test
  void aListenerAndItsLoadBalancerResolveToTheDataPlanesListener() throws Exception {
    String testListener = f.sim.listenerArn("web-lb", World.ListenerKind.TEST);

    Listener listener = elb.describeListeners(r -> r.listenerArns(testListener)).listeners().get(0);
    var lb =
        elb.describeLoadBalancers(r -> r.loadBalancerArns(listener.loadBalancerArn()))
            .loadBalancers()
            .get(0);

    assertThat(listener.listenerArn()).isEqualTo(testListener);
    assertThat(listener.protocol()).isEqualTo(ProtocolEnum.HTTP);
    assertThat(listener.port()).isEqualTo(f.sim.listenerPort("web-lb", World.ListenerKind.TEST));
    assertThat(lb.loadBalancerName()).isEqualTo("web-lb");
    URI url = URI.create("http://" + lb.dnsName() + ":" + listener.port() + "/health");
    var answer =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("\"path\":\"/health\"");
    assertThat(f.sim.calls())
        .filteredOn(c -> c.service().equals("elasticloadbalancing"))
        .extracting(ApiCall::operation, ApiCall::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("DescribeListeners", "OK"),
            org.assertj.core.groups.Tuple.tuple("DescribeLoadBalancers", "OK"));
  }

  @Test
  void bothListenersOfALoadBalancerAreDescribedInOneCall() {
    String production = f.sim.listenerArn("web-lb", World.ListenerKind.PRODUCTION);
    String test = f.sim.listenerArn("web-lb", World.ListenerKind.TEST);

    var listeners = elb.describeListeners(r -> r.listenerArns(production, test)).listeners();

    assertThat(listeners)
        .extracting(Listener::listenerArn, Listener::port)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                production, f.sim.listenerPort("web-lb", World.ListenerKind.PRODUCTION)),
            org.assertj.core.groups.Tuple.tuple(
                test, f.sim.listenerPort("web-lb", World.ListenerKind.TEST)));
  }

  @Test
  void anUnknownListenerIsListenerNotFound() {
    String unknown =
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/nope/0123456789abcdef/0123456789abcdef";

    assertThatThrownBy(() -> elb.describeListeners(r -> r.listenerArns(unknown)))
        .isInstanceOfSatisfying(
            ListenerNotFoundException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ListenerNotFound");
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorMessage()).contains(unknown);
            });
  }

  @Test
  void anUnknownLoadBalancerIsLoadBalancerNotFound() {
    String unknown =
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/nope/0123456789abcdef";

    assertThatThrownBy(() -> elb.describeLoadBalancers(r -> r.loadBalancerArns(unknown)))
        .isInstanceOf(LoadBalancerNotFoundException.class);
  }

  @Test
  void anActionTheSimulatorDoesNotServeIsRefused() {
    assertThatThrownBy(() -> elb.describeTargetGroups(r -> r.names("web-blue")))
        .isInstanceOfSatisfying(
            ElasticLoadBalancingV2Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAction"));
  }
}
