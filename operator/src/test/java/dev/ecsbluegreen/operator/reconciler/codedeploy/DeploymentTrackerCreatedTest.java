package dev.ecsbluegreen.operator.reconciler.codedeploy;

import static dev.ecsbluegreen.operator.fixtures.Deployments.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.ServiceRef;
import dev.ecsbluegreen.operator.aws.DeploymentRequest;
import dev.ecsbluegreen.operator.aws.DeploymentState;
import dev.ecsbluegreen.operator.events.DeploymentNews;
import dev.ecsbluegreen.operator.events.DeploymentStateChange;
import dev.ecsbluegreen.operator.fixtures.FakeCodeDeployGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A deployment this process just created is known from its request: the first pass after it, and
 * the pass its START event sets off, read nothing. Deployments are created one at a time (at ECS's
 * registration rate in a burst), so those reads never shared a batch with another release's.
 */
class DeploymentTrackerCreatedTest {
  static final ServiceRef SERVICE = new ServiceRef("prod", "web");
  static final String CANARY = "CodeDeployDefault.ECSCanary10Percent5Minutes";
  static final Instant SENT = Instant.parse("2025-01-01T00:00:00Z");

  final FakeCodeDeployGateway codeDeploy = new FakeCodeDeployGateway();
  final DeploymentNews news = new DeploymentNews(Clock.systemUTC());
  final DeploymentTracker tracker =
      new DeploymentTracker(
          codeDeploy.access(), Clock.systemUTC(), Duration.ZERO, id -> true, news);

  @Test
  void theFirstPassAfterCreatingADeploymentTakesItFromTheRequest() {
    tracker.created("d-NEW", request(CANARY), SENT);

    var first = tracker.track(null, "d-NEW", null, SERVICE).deployment();

    assertThat(deploymentReads()).isZero();
    assertThat(first.state()).isEqualTo(DeploymentState.CREATED);
    assertThat(first.deploymentConfig()).isEqualTo(CANARY);
    assertThat(first.createTime()).isEqualTo(SENT);
    // Enough to tell when it can first end: after the canary's interval.
    assertThat(DueTransitions.earliestEnd(first)).contains(SENT.plus(Duration.ofMinutes(5)));
  }

  @Test
  void thePassAfterThatReadsIt() {
    tracker.created("d-NEW", request(CANARY), SENT);
    tracker.track(null, "d-NEW", null, SERVICE);
    codeDeploy.put(deployment("d-NEW").state(DeploymentState.IN_PROGRESS).build());

    var second = tracker.track(null, "d-NEW", null, SERVICE).deployment();

    assertThat(deploymentReads()).isEqualTo(1);
    assertThat(second.state()).isEqualTo(DeploymentState.IN_PROGRESS);
  }

  @Test
  void itsStartEventIsAnsweredWithoutARead() {
    tracker.created("d-NEW", request(CANARY), SENT);
    news.record(new DeploymentStateChange("d-NEW", "START", SENT.plusSeconds(1)));

    var started = tracker.track(null, "d-NEW", null, SERVICE).deployment();

    assertThat(deploymentReads()).isZero();
    assertThat(started.state()).isEqualTo(DeploymentState.IN_PROGRESS);
    assertThat(started.createTime()).isEqualTo(SENT);
  }

  @Test
  void anotherEventAboutItIsRead() {
    tracker.created("d-NEW", request(CANARY), SENT);
    codeDeploy.put(deployment("d-NEW").state(DeploymentState.FAILED).build());
    news.record(new DeploymentStateChange("d-NEW", "FAILURE", SENT.plusSeconds(2)));

    var failed = tracker.track(null, "d-NEW", null, SERVICE).deployment();

    assertThat(deploymentReads()).isEqualTo(1);
    assertThat(failed.state()).isEqualTo(DeploymentState.FAILED);
  }

  /** The status shows the configuration in effect, which only a read tells for the group's. */
  @Test
  void aDeploymentInTheGroupsConfigurationIsRead() {
    tracker.created("d-NEW", request(null), SENT);
    codeDeploy.put(deployment("d-NEW").state(DeploymentState.CREATED).build());

    tracker.track(null, "d-NEW", null, SERVICE);

    assertThat(deploymentReads()).isEqualTo(1);
  }

  private long deploymentReads() {
    return codeDeploy.calls.stream().filter(call -> call.startsWith("ReadDeployments")).count();
  }

  private static DeploymentRequest request(String config) {
    return new DeploymentRequest(
        "app", "group", config, null, "release default/web", true, false, List.of());
  }
}
