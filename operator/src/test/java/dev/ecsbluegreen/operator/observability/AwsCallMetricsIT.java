package dev.ecsbluegreen.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ecsbluegreen.operator.aws.AwsClientSettings;
import dev.ecsbluegreen.operator.aws.AwsGuardSettings;
import dev.ecsbluegreen.operator.aws.AwsGuards;
import dev.ecsbluegreen.operator.aws.AwsSdkAccess;
import dev.ecsbluegreen.simulator.Simulator;
import dev.ecsbluegreen.simulator.world.ManualClock;
import dev.ecsbluegreen.simulator.world.World;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** AWS call metrics through the production SDK clients against the simulator. */
class AwsCallMetricsIT {
  SimpleMeterRegistry registry;
  Simulator sim;
  AwsSdkAccess access;

  @BeforeEach
  void start() {
    sim =
        Simulator.start(
            World.builder()
                .cluster("prod")
                .taskDefinition("web", Map.of("GREETING", "hello"))
                .loadBalancer("web-lb", "web-blue", "web-green")
                .service("prod", "web", "web:1", "web-blue", 2)
                .dataPlane(false)
                .build(),
            new ManualClock());
    registry = new SimpleMeterRegistry();
    access =
        new AwsSdkAccess(
            AwsClientSettings.defaults("us-east-1")
                .withEndpointOverride(sim.endpoint())
                .withCredentials(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDTEST", "secret")))
                .withMaxAttempts(2),
            List.of(new AwsCallMetrics(registry)),
            AwsGuards.unmetered(AwsGuardSettings.simulated(), Clock.systemUTC()));
  }

  @AfterEach
  void stop() {
    access.close();
    sim.close();
  }

  @Test
  void aSuccessfulCallIsCountedOkByServiceAndOperation() {
    access.forTarget(null).ecs().describeService("prod", "web");
    access.forTarget(null).ecs().describeService("prod", "web");

    var timer = calls("Ecs", "DescribeServices", "ok", "none");
    assertThat(timer.count()).isEqualTo(2);
    assertThat(timer.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
  }

  @Test
  void aFailedCallCarriesTheAwsErrorCode() {
    var group = access.forTarget(null).deploymentGroups().describe("no-such-app", "no-such-dg");

    assertThat(group).isEmpty();
    assertThat(registry.get(AwsCallMetrics.NAME).tag("outcome", "error").timers())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.getId().getTag("service")).isEqualTo("CodeDeploy");
              assertThat(t.getId().getTag("code")).endsWith("DoesNotExistException");
            });
  }

  @Test
  void aCallStillThrottledAfterTheSdkRetriesIsCountedThrottled() {
    sim.faults().throttleNext("DescribeServices", 5);

    catchThrowable(() -> access.forTarget(null).ecs().describeService("prod", "web"));

    assertThat(calls("Ecs", "DescribeServices", "throttled", "ThrottlingException").count())
        .isEqualTo(1);
  }

  @Test
  void errorCodesCannotGrowTheTagSetWithoutBound() {
    var metrics = new AwsCallMetrics(registry);
    for (int i = 0; i < AwsCallMetrics.MAX_DISTINCT_CODES; i++) {
      assertThat(metrics.bounded("Code" + i)).isEqualTo("Code" + i);
    }

    assertThat(metrics.bounded("OneTooMany")).isEqualTo("other");
    assertThat(metrics.bounded("Code3")).isEqualTo("Code3");
    assertThat(metrics.bounded("not a code: <html>")).isEqualTo("other");
    assertThat(metrics.bounded(null)).isEqualTo("other");
  }

  private Timer calls(String service, String operation, String outcome, String code) {
    return registry
        .get(AwsCallMetrics.NAME)
        .tag("service", service)
        .tag("operation", operation)
        .tag("outcome", outcome)
        .tag("code", code)
        .timer();
  }
}
