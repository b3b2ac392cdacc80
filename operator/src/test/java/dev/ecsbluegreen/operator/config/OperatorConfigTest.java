package dev.ecsbluegreen.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

  @Test
  void watchesAllNamespacesByDefault() {
    var config = OperatorConfig.fromEnvironment(Map.of());

    assertThat(config.watchesAllNamespaces()).isTrue();
    assertThat(config.awsEndpoint()).isNull();
    assertThat(config.fastPoll()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void readsNamespacesRegionEndpointAndPollsFromTheEnvironment() {
    var config =
        OperatorConfig.fromEnvironment(
            Map.of(
                "ECS_BLUEGREEN_NAMESPACES", "payments, checkout",
                "AWS_REGION", "eu-west-1",
                "ECS_BLUEGREEN_AWS_ENDPOINT", "http://127.0.0.1:4566",
                "ECS_BLUEGREEN_POLL_FAST", "2",
                "ECS_BLUEGREEN_POLL_SLOW", "PT1M"));

    assertThat(config.namespaces()).isEqualTo(Set.of("payments", "checkout"));
    assertThat(config.region()).isEqualTo("eu-west-1");
    assertThat(config.awsEndpoint()).isEqualTo(URI.create("http://127.0.0.1:4566"));
    assertThat(config.fastPoll()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.slowPoll()).isEqualTo(Duration.ofMinutes(1));
  }
}
