package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.operator.fixtures.RestartableApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes API server restarts in the middle of a release (etcd keeps the data), while AWS
 * moves on without the operator seeing it: once the server is back the operator's watches resume (a
 * release applied afterwards is picked up), its status writes go through again, and the release
 * finishes from where AWS got to, with one deployment.
 */
@OnRealApiServer
class ApiServerRestartE2E {
  static final String MIDWAY = "restart-midway";
  static final String AFTER = "restart-after";

  RestartableApiServer server;
  OperatorHarness harness;

  @BeforeEach
  void start() {
    server = RestartableApiServer.start();
    var client = server.newAdminClient();
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName("restart").endMetadata().build())
        .create();
    harness =
        new OperatorHarness(
            KubernetesUnderTest.of(client, "restart", client::close), MIDWAY, AFTER);
  }

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
    server.close();
  }

  @Test
  void aReleaseMidwayFinishesWithOneDeploymentAcrossAnApiServerRestart() {
    harness.createGroup(MIDWAY, 0);
    harness.createGroup(AFTER, 0);
    harness.apply(release(MIDWAY).canary(10, 5).build());
    var before =
        harness.awaitRelease(
            MIDWAY, s -> s.phase() == Phase.ShiftingTraffic && s.traffic().green() == 10);

    server.stopApiServer();
    // AWS carries on while the operator can neither read nor write releases: the canary's wait
    // ends and CodeDeploy shifts the rest of the traffic.
    harness.clock.advance(Duration.ofMinutes(6));
    sleep(Duration.ofSeconds(3));
    server.startApiServer();

    var done = harness.awaitPhase(MIDWAY, Phase.Succeeded);
    assertThat(done.deploymentId()).isEqualTo(before.deploymentId());
    assertThat(harness.deployments(MIDWAY)).hasSize(1);

    // Only a watch that resumed delivers a release created after the restart.
    harness.apply(release(AFTER).build());
    harness.awaitPhase(AFTER, Phase.Succeeded);
    assertThat(harness.deployments(AFTER)).hasSize(1);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
