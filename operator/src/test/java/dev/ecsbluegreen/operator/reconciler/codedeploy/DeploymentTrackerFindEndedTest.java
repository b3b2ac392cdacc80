package dev.ecsbluegreen.operator.reconciler.codedeploy;

import static dev.ecsbluegreen.operator.fixtures.Deployments.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.aws.DeploymentDescription;
import dev.ecsbluegreen.operator.aws.DeploymentState;
import dev.ecsbluegreen.operator.aws.ReleaseIdentity;
import dev.ecsbluegreen.operator.fixtures.FakeCodeDeployGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeploymentTrackerFindEndedTest {
  static final Instant SINCE = Instant.parse("2024-12-31T23:50:00Z");

  final FakeCodeDeployGateway codeDeploy = new FakeCodeDeployGateway();
  final DeploymentTracker tracker =
      new DeploymentTracker(codeDeploy.access(), Clock.systemUTC(), Duration.ZERO, Duration.ZERO);

  @Test
  void findsTheEndedDeploymentCarryingThisToken() {
    codeDeploy
        .put(ended("d-OTHER", "uid-1", "older-token"))
        .put(ended("d-FOREIGN", "uid-2", "token"))
        .put(ended("d-OURS", "uid-1", "token"))
        .put(
            deployment("d-ROLLBACK")
                .description(describe("uid-1", "token"))
                .rollbackOf("d-OURS")
                .state(DeploymentState.SUCCEEDED)
                .build());

    var found = tracker.findEnded(codeDeploy, "web-app", "web-dg", SINCE, "uid-1", "token");

    assertThat(found).get().extracting(d -> d.deploymentId()).isEqualTo("d-OURS");
  }

  @Test
  void findsNothingWhenNoEndedDeploymentCarriesIt() {
    codeDeploy.put(ended("d-OTHER", "uid-1", "older-token"));

    assertThat(tracker.findEnded(codeDeploy, "web-app", "web-dg", SINCE, "uid-1", "token"))
        .isEmpty();
  }

  private static dev.ecsbluegreen.operator.aws.DeploymentSnapshot ended(
      String id, String uid, String token) {
    return deployment(id)
        .description(describe(uid, token))
        .state(DeploymentState.SUCCEEDED)
        .build();
  }

  private static String describe(String uid, String token) {
    return DeploymentDescription.of(new ReleaseIdentity("default", "web", uid, 1, token));
  }
}
