package dev.ecsbluegreen.operator.analysis;

import static dev.ecsbluegreen.operator.analysis.ListenerCheckIT.onTestListener;
import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsbluegreen.operator.api.v1alpha1.AwsTarget;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.aws.ListenerAddress;
import dev.ecsbluegreen.operator.aws.LoadBalancerGateway;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import dev.ecsbluegreen.operator.errors.TransientAwsException;
import dev.ecsbluegreen.simulator.world.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ListenerTargetsTest {
  private static final String LISTENER =
      "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web-lb/50dc6c495c0c9188/"
          + "0467ef3c8400ae65";

  private final ManualClock clock = new ManualClock();
  private final Elb elb = new Elb();
  private final ListenerTargets targets =
      new ListenerTargets(
          elb.access(), (release, deployment, listener) -> LISTENER, clock.asJavaClock());

  @Test
  void anAddressIsUsedWhileFreshThenResolvedAgain() {
    elb.answer = new ListenerAddress("http", "old-lb.elb.amazonaws.com", 8443);
    assertThat(url()).isEqualTo("http://old-lb.elb.amazonaws.com:8443/health");

    elb.answer = new ListenerAddress("http", "new-lb.elb.amazonaws.com", 9443);
    clock.advance(ListenerTargets.FRESH_FOR.minusSeconds(1));
    assertThat(url()).isEqualTo("http://old-lb.elb.amazonaws.com:8443/health");
    assertThat(elb.reads).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(url()).isEqualTo("http://new-lb.elb.amazonaws.com:9443/health");
    assertThat(elb.reads).isEqualTo(2);
  }

  @Test
  void elbNotAnsweringKeepsTheLastAddressUntilItAnswers() {
    elb.answer = new ListenerAddress("http", "lb.elb.amazonaws.com", 8443);
    url();
    clock.advance(ListenerTargets.FRESH_FOR);

    elb.failure =
        new TransientAwsException("DescribeListeners: throttled", "Throttling", true, null);
    assertThat(url()).isEqualTo("http://lb.elb.amazonaws.com:8443/health");
    assertThat(url()).isEqualTo("http://lb.elb.amazonaws.com:8443/health");
    assertThat(elb.reads).isEqualTo(3);

    elb.failure = null;
    elb.answer = new ListenerAddress("http", "lb.elb.amazonaws.com", 9443);
    assertThat(url()).isEqualTo("http://lb.elb.amazonaws.com:9443/health");
  }

  @Test
  void elbNotAnsweringWithoutAnAddressIsUnresolved() {
    elb.failure =
        new TransientAwsException("DescribeListeners: throttled", "Throttling", true, null);

    assertThatThrownBy(this::url)
        .isInstanceOf(UnresolvedTargetException.class)
        .hasMessage("the Test listener could not be resolved: DescribeListeners: throttled");
  }

  @Test
  void aListenerElbNoLongerKnowsIsUnresolvedAndForgotten() {
    elb.answer = new ListenerAddress("http", "lb.elb.amazonaws.com", 8443);
    url();
    clock.advance(ListenerTargets.FRESH_FOR);

    elb.failure = new InvalidReleaseException("Elastic Load Balancing does not know listener x");
    assertThatThrownBy(this::url)
        .isInstanceOf(UnresolvedTargetException.class)
        .hasMessageContaining("does not know listener x");

    elb.failure =
        new TransientAwsException("DescribeListeners: throttled", "Throttling", true, null);
    assertThatThrownBy(this::url).isInstanceOf(UnresolvedTargetException.class);
  }

  private String url() {
    return targets.resolve(release("web").build(), "d-1", onTestListener("smoke", 1)).http().url();
  }

  /** Elastic Load Balancing answering what a test sets, counting the reads. */
  private static final class Elb implements LoadBalancerGateway {
    ListenerAddress answer;
    RuntimeException failure;
    int reads;

    @Override
    public ListenerAddress address(String listenerArn) {
      reads++;
      if (failure != null) {
        throw failure;
      }
      return answer;
    }

    AwsAccess access() {
      var gateways = new AwsAccess.Gateways(null, null, null, null, null, this);
      return new AwsAccess() {
        @Override
        public Gateways forTarget(AwsTarget target) {
          return gateways;
        }

        @Override
        public void close() {}
      };
    }
  }
}
