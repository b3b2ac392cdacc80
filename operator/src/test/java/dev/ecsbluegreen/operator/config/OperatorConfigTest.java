package dev.ecsbluegreen.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

  @Test
  void watchesAllNamespacesAndAwsEndpointsByDefault() {
    var config = OperatorConfig.defaults();

    assertThat(config.watchesAllNamespaces()).isTrue();
    assertThat(config.awsEndpoint()).isNull();
    assertThat(config.fastPoll()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.slowPoll()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.stalledPoll()).isEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void watchesOnlyTheNamespacesItIsGiven() {
    var config = OperatorConfig.defaults().withNamespaces(Set.of("payments"));

    assertThat(config.watchesAllNamespaces()).isFalse();
    assertThat(config.namespaces()).containsExactly("payments");
  }
}
