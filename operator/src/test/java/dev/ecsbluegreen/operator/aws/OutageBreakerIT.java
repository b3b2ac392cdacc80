package dev.ecsbluegreen.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsbluegreen.operator.api.v1alpha1.AwsTarget;
import dev.ecsbluegreen.operator.errors.AwsOutageException;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import dev.ecsbluegreen.operator.errors.TransientAwsException;
import dev.ecsbluegreen.operator.observability.AwsCallMetrics;
import dev.ecsbluegreen.simulator.http.Faults.ServerError;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The circuit breaker per account and region, through the production SDK clients against the
 * simulator: once every call fails, calls fail fast without reaching AWS, one probe goes through
 * per interval, and the first answer lets every call through again.
 */
class OutageBreakerIT {
  static final Duration PROBE_EVERY = Duration.ofSeconds(30);

  SimulatedAwsFixture aws;
  AwsSdkAccess access;
  SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @BeforeEach
  void start() {
    aws = new SimulatedAwsFixture(1);
    access =
        new AwsSdkAccess(
            SimulatedAwsFixture.settingsFor(aws.sim).withMaxAttempts(1),
            List.of(new AwsCallMetrics(meters)),
            AwsGuards.unmetered(
                AwsGuardSettings.simulated().withBreaker(3, PROBE_EVERY), aws.clock.asJavaClock()));
  }

  @AfterEach
  void stop() {
    access.close();
    aws.close();
  }

  @Test
  void callsFailFastOnceEveryCallFailedAndOneProbeGoesThroughPerInterval() {
    var ecs = access.forTarget(new AwsTarget("us-east-1", null, null)).ecs();
    Instant outageStart = aws.clock.now();
    aws.sim.faults().serverError("*", 1.0, ServerError.SERVICE_UNAVAILABLE);

    assertThatThrownBy(() -> describe(ecs)).isInstanceOf(TransientAwsException.class);
    aws.clock.advance(Duration.ofSeconds(4));
    assertThatThrownBy(() -> describe(ecs)).isInstanceOf(TransientAwsException.class);
    // The third failure opens the breaker, and says so already.
    assertThatThrownBy(() -> describe(ecs))
        .isInstanceOfSatisfying(
            AwsOutageException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo(
                      "AWS ECS/CodeDeploy in us-east-1 unreachable since %s:".formatted(outageStart)
                          + " ServiceUnavailable, HTTP 503; retrying every 30 s");
              assertThat(e.nextProbe()).isEqualTo(aws.clock.now().plus(PROBE_EVERY));
            });

    int callsWhenOpened = aws.sim.callLog().size();
    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> describe(ecs)).isInstanceOf(AwsOutageException.class);
    }
    assertThat(aws.sim.callLog().size()).as("calls sent while open").isEqualTo(callsWhenOpened);
    assertThat(
            meters.find("ecs_bluegreen.aws.calls").timers().stream().mapToLong(Timer::count).sum())
        .as("AWS calls measured: those failed fast were never sent")
        .isEqualTo(callsWhenOpened);

    // The breaker lets a probe through once the interval has passed, not at its very instant.
    aws.clock.advance(PROBE_EVERY.plusSeconds(1));
    var stillDown = catchOutage(() -> describe(ecs));
    assertThat(aws.sim.callLog().size()).as("one probe").isEqualTo(callsWhenOpened + 1);
    assertThat(stillDown.getMessage())
        .as("the outage reads the same after a failed probe")
        .contains("since " + outageStart);
    assertThatThrownBy(() -> describe(ecs)).isInstanceOf(AwsOutageException.class);
    assertThat(aws.sim.callLog().size()).isEqualTo(callsWhenOpened + 1);

    aws.sim.faults().clear();
    aws.clock.advance(PROBE_EVERY.plusSeconds(1));
    assertThat(describe(ecs).taskDefinitionArn()).isNotNull();
    for (int i = 0; i < 5; i++) {
      describe(ecs);
    }
    assertThat(aws.sim.callLog().size()).isEqualTo(callsWhenOpened + 7);
  }

  @Test
  void eachRegionHasItsOwnBreaker() {
    var east = access.forTarget(new AwsTarget("us-east-1", null, null)).ecs();
    var west = access.forTarget(new AwsTarget("eu-west-1", null, null)).ecs();
    aws.sim.faults().serverError("*", 1.0, ServerError.SERVICE_UNAVAILABLE);
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> describe(east)).isInstanceOf(TransientAwsException.class);
    }
    assertThatThrownBy(() -> describe(east)).isInstanceOf(AwsOutageException.class);
    aws.sim.faults().clear();

    assertThatThrownBy(() -> describe(east)).isInstanceOf(AwsOutageException.class);
    assertThat(describe(west).taskDefinitionArn()).isNotNull();
  }

  @Test
  void refusalsShowTheTargetAnswersAndNeverOpenTheBreaker() {
    var ecs = access.forTarget(new AwsTarget("us-east-1", null, null)).ecs();
    for (int i = 0; i < 10; i++) {
      // No such task definition: AWS answered, so the target is up.
      assertThatThrownBy(() -> ecs.describeTaskDefinition("no-such-family:1"))
          .isInstanceOf(InvalidReleaseException.class);
    }
    assertThat(describe(ecs).taskDefinitionArn()).isNotNull();
  }

  @Test
  void anEndpointThatRefusesConnectionsIsNamedSo() throws IOException {
    URI closed;
    try (var socket = new ServerSocket(0)) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    try (var refused =
        new AwsSdkAccess(
            SimulatedAwsFixture.settingsFor(aws.sim)
                .withEndpointOverride(closed)
                .withMaxAttempts(1),
            List.of(),
            AwsGuards.unmetered(
                AwsGuardSettings.simulated().withBreaker(3, PROBE_EVERY),
                aws.clock.asJavaClock()))) {
      var ecs = refused.forTarget(new AwsTarget("us-east-1", null, null)).ecs();
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> describe(ecs)).isInstanceOf(TransientAwsException.class);
      }
      assertThat(catchOutage(() -> describe(ecs)).getMessage())
          .contains("unreachable since")
          .containsIgnoringCase("connection refused");
    }
  }

  @Test
  void cloudWatchHasABreakerOfItsOwnSoUnreachableMetricsNeverStopDeploymentCalls() {
    var gateways = access.forTarget(new AwsTarget("us-east-1", null, null));
    aws.sim.faults().serverError("GetMetricData", 1.0, ServerError.SERVICE_UNAVAILABLE);
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> requests(gateways.metrics()))
          .isInstanceOf(TransientAwsException.class);
    }
    assertThat(catchOutage(() -> requests(gateways.metrics())).getMessage())
        .startsWith("AWS CloudWatch in us-east-1 unreachable since");
    int callsWhenOpened = aws.sim.callLog().size();

    assertThatThrownBy(() -> requests(gateways.metrics())).isInstanceOf(AwsOutageException.class);
    assertThat(aws.sim.callLog().size()).as("metrics calls failed fast").isEqualTo(callsWhenOpened);
    assertThat(describe(gateways.ecs()).taskDefinitionArn()).isNotNull();
  }

  private MetricSeries requests(MetricsGateway metrics) {
    var stat =
        MetricQuery.Stat.ofTargetGroup(
            aws.sim.targetGroupArn("web-blue"), "RequestCount", Duration.ofMinutes(1), "Sum");
    return metrics.evaluate(
        new MetricQuery(
            aws.clock.now().minus(Duration.ofMinutes(5)),
            aws.clock.now(),
            List.of(MetricQuery.Term.metric("requests", stat)),
            "requests"));
  }

  private static ServiceState describe(EcsGateway ecs) {
    return ecs.describeService(SimulatedAwsFixture.CLUSTER, SimulatedAwsFixture.SERVICE);
  }

  private static AwsOutageException catchOutage(Runnable call) {
    try {
      call.run();
    } catch (AwsOutageException e) {
      return e;
    }
    throw new AssertionError("expected the call to report the outage");
  }
}
