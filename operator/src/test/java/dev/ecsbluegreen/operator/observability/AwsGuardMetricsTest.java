package dev.ecsbluegreen.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.aws.AwsGuardSettings;
import dev.ecsbluegreen.operator.aws.AwsGuards;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The breaker and budget metrics under the names docs/operations.md gives for /metrics. */
class AwsGuardMetricsTest {

  @Test
  void breakersAndBudgetsOfEachRegionAreScraped() {
    try (var metrics = new OperatorMetrics()) {
      var guards =
          new AwsGuards(AwsGuardSettings.defaults(), Clock.systemUTC(), metrics.registry());
      guards.forTarget("eu-west-1", null);

      assertThat(metrics.scrape())
          .contains("resilience4j_circuitbreaker_state{name=\"eu-west-1\",state=\"closed\"} 1.0")
          .contains("resilience4j_ratelimiter_waiting_threads{name=\"eu-west-1 ECS\"}")
          .contains("resilience4j_ratelimiter_available_permissions{name=\"eu-west-1 CodeDeploy\"}")
          .contains(
              "resilience4j_ratelimiter_available_permissions{name=\"eu-west-1 CodeDeploy"
                  + " preparing\"} 3.0")
          .contains(
              "ecs_bluegreen_aws_budget_wait_seconds_count{lane=\"in_flight\",name=\"eu-west-1 ECS\"}")
          .contains(
              "ecs_bluegreen_aws_budget_wait_seconds_count{lane=\"preparing\",name=\"eu-west-1 CodeDeploy\"}")
          .contains("ecs_bluegreen_aws_budget_deferred_total{name=\"eu-west-1 CodeDeploy\"} 0.0")
          .contains("ecs_bluegreen_aws_budget_queued{name=\"eu-west-1 ECS\"} 0.0")
          .contains(
              "resilience4j_circuitbreaker_state{name=\"eu-west-1 CloudWatch\",state=\"closed\"} 1.0")
          .contains(
              "resilience4j_ratelimiter_available_permissions{name=\"eu-west-1 CloudWatch\"}");
    }
  }
}
