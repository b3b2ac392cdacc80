package dev.ecsbluegreen.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsbluegreen.operator.errors.AwsBudgetWaitException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistrationBudgetTest {
  private final RegistrationBudget budget =
      new RegistrationBudget(
          RateLimiter.of("test registrations", RegistrationBudget.config(30)), "us-east-1");

  @Test
  void aBurstRegistersHalfOfEcssBucketThenWaitsForTheNextWindow() {
    for (int i = 0; i < 30; i++) {
      budget.spend("RegisterTaskDefinition");
    }

    assertThatThrownBy(() -> budget.spend("RegisterTaskDefinition"))
        .isInstanceOfSatisfying(
            AwsBudgetWaitException.class,
            wait -> {
              assertThat(wait.retryAfter())
                  .isPositive()
                  .isLessThanOrEqualTo(Duration.ofSeconds(30));
              assertThat(wait.getMessage())
                  .startsWith(
                      "Waiting to register the task definition: ECS takes 30 registrations every"
                          + " 30 s in us-east-1, next try in");
            });
  }

  @Test
  void otherEcsCallsDrawNothingFromIt() {
    for (int i = 0; i < 30; i++) {
      budget.spend("RegisterTaskDefinition");
    }

    assertThatCode(() -> budget.spend("DescribeServices")).doesNotThrowAnyException();
    assertThatCode(() -> budget.spend("DescribeTaskDefinition")).doesNotThrowAnyException();
  }

  @Test
  void aTurnedAwayRegistrationSpendsNothingOfTheEcsBudget() {
    int[] ecsTokens = {0};
    CallBudget ecs = operation -> ecsTokens[0]++;
    var both = budget.then(ecs);
    for (int i = 0; i < 30; i++) {
      both.spend("RegisterTaskDefinition");
    }

    assertThatThrownBy(() -> both.spend("RegisterTaskDefinition"))
        .isInstanceOf(AwsBudgetWaitException.class);
    assertThat(ecsTokens[0]).isEqualTo(30);
  }
}
