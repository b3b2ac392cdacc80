package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsLinear;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec.EcsStrategy;
import dev.ecsbluegreen.operator.aws.ServiceDeploymentGateway;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.InWallTime;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * ECS-native releases in flight at once read their service deployments together: the passes that
 * fall due together share DescribeServiceDeployments calls of up to {@value
 * ServiceDeploymentGateway#MAX_DESCRIBE_ARNS} ARNs instead of one call per release per pass.
 */
class EcsSharedReadsIT extends HarnessScenarios {
  static final int RELEASES = 6;
  static final List<String> LANES =
      IntStream.rangeClosed(1, RELEASES).mapToObj(i -> "nshare" + i).toList();

  /** The poll while a step is awaited: passes of releases waiting alike fall on its multiples. */
  static final Duration IDLE = Duration.ofMillis(400);

  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    var harness = OperatorHarness.ecsNative(kubernetes, LANES.toArray(String[]::new));
    harness.restartWithPolls(Duration.ofMillis(200), IDLE);
    return harness;
  }

  @Test
  void releasesInFlightTogetherShareTheirServiceDeploymentReads() {
    LANES.forEach(
        lane ->
            harness.apply(
                release(lane)
                    .image("example/" + lane + ":2")
                    .ecs(
                        new EcsSpec(
                            EcsStrategy.Linear, new EcsLinear(50.0, 5), null, 0, null, null, null))
                    .build()));
    LANES.forEach(
        lane ->
            harness.awaitRelease(
                lane, s -> s.phase() == Phase.ShiftingTraffic && s.traffic().green() == 50));

    // Every release waits for its next step, five minutes away; passes come at the idle poll.
    // Simulated time moves with the wall clock, so the poll grid means what it says.
    long callsBefore = harness.sim.callLog().count("DescribeServiceDeployments");
    long passesBefore = harness.passes.tracking();
    InWallTime.during(harness, Duration.ofSeconds(4));
    long calls = harness.sim.callLog().count("DescribeServiceDeployments") - callsBefore;
    long passes = harness.passes.tracking() - passesBefore;
    System.out.printf(
        "ECS shared reads: %d releases, %d tracking passes, %d DescribeServiceDeployments calls%n",
        RELEASES, passes, calls);

    // Each pass asks for one ARN and a call answers up to MAX_DESCRIBE_ARNS of them: read
    // together, the passes of a poll need ceil(RELEASES / MAX_DESCRIBE_ARNS) calls, so the whole
    // window about passes / RELEASES times that. Allow twice as many (passes at the window's edges,
    // a pass late on a loaded machine); read one by one, calls would equal passes.
    long perPoll =
        (RELEASES + ServiceDeploymentGateway.MAX_DESCRIBE_ARNS - 1)
            / ServiceDeploymentGateway.MAX_DESCRIBE_ARNS;
    long together = (passes + RELEASES - 1) / RELEASES * perPoll;
    assertThat(passes).isGreaterThanOrEqualTo(RELEASES);
    assertThat(calls).isPositive().isLessThanOrEqualTo(2 * together);

    LANES.forEach(lane -> harness.awaitPhase(lane, Phase.Succeeded));
  }
}
