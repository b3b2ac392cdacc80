package dev.ecsbluegreen.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** AWS's token buckets on a clock the test moves. */
class AwsRateLimitsTest {
  private final AtomicLong nanos = new AtomicLong(5_000 * Duration.ofSeconds(1).toNanos());
  private final AwsRateLimits limits =
      new AwsRateLimits(nanos::get, caller -> !caller.equals("AKIDSETUP"));

  @Test
  void codeDeployAnswersABurstOfItsBucketThenItsRefill() {
    assertThat(admitted(30, "codedeploy", "BatchGetDeployments", "AKIDA")).isEqualTo(20);
    after(Duration.ofMillis(500));
    assertThat(admitted(30, "codedeploy", "GetDeployment", "AKIDA"))
        .as("half a second at 10 a second; the whole API shares one bucket")
        .isEqualTo(5);
  }

  @Test
  void ecsRegistersSixtyTaskDefinitionsThenOneASecond() {
    assertThat(admitted(100, "ecs", "RegisterTaskDefinition", "AKIDA")).isEqualTo(60);
    after(Duration.ofSeconds(3));
    assertThat(admitted(100, "ecs", "RegisterTaskDefinition", "AKIDA")).isEqualTo(3);
    assertThat(admitted(100, "ecs", "DescribeServices", "AKIDA"))
        .as("another action class has a bucket of its own")
        .isEqualTo(50);
  }

  @Test
  void eachCallerHasBucketsOfItsOwn() {
    assertThat(admitted(25, "codedeploy", "GetDeployment", "AKIDA")).isEqualTo(20);
    assertThat(admitted(25, "codedeploy", "GetDeployment", "AKIDB")).isEqualTo(20);
    assertThat(admitted(25, "codedeploy", "GetDeployment", "AKIDSETUP"))
        .as("a caller left out is never throttled")
        .isEqualTo(25);
  }

  @Test
  void aThrottledCallUsesNoTokenAndABucketNeverHoldsMoreThanItsSize() {
    assertThat(admitted(60, "ecs", "DescribeServices", "AKIDA")).isEqualTo(50);
    after(Duration.ofMillis(100));
    assertThat(admitted(10, "ecs", "DescribeServices", "AKIDA")).isEqualTo(2);
    after(Duration.ofHours(1));
    assertThat(admitted(60, "ecs", "DescribeServices", "AKIDA")).isEqualTo(50);
  }

  @Test
  void otherServicesAreNotLimited() {
    assertThat(admitted(1_000, "cloudwatch", "GetMetricData", "AKIDA")).isEqualTo(1_000);
    assertThat(AwsRateLimits.actionClass("ecs", "DescribeTaskDefinition"))
        .isEqualTo("ecs task definition reads");
  }

  private long admitted(int calls, String service, String operation, String caller) {
    return IntStream.range(0, calls).filter(i -> limits.admit(service, operation, caller)).count();
  }

  private void after(Duration elapsed) {
    nanos.addAndGet(elapsed.toNanos());
  }
}
