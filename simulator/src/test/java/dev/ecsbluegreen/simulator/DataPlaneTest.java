package dev.ecsbluegreen.simulator;

import static dev.ecsbluegreen.simulator.SimulatorFixture.hooks;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsbluegreen.simulator.world.World;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.ErrorCode;

class DataPlaneTest {

  private final SimulatorFixture f = new SimulatorFixture();
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void close() {
    f.close();
  }

  /** Sends {@code n} requests; returns how many the new revision answered. Fails on any error. */
  private int greenAnswers(World.ListenerKind listener, int n, String greenRevision)
      throws Exception {
    URI uri = f.sim.listenerUri("web-lb", listener).resolve("/orders");
    int green = 0;
    for (int i = 0; i < n; i++) {
      var response =
          http.send(
              HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("request %d through %s", i, listener).isEqualTo(200);
      if (json.readTree(response.body()).path("taskDefinition").asText().equals(greenRevision)) {
        green++;
      }
    }
    return green;
  }

  @Test
  void productionTrafficFollowsTheCanaryStepsWithoutFailedRequests() throws Exception {
    var options = new SimulatorFixture.GroupOptions();
    options.config = "CodeDeployDefault.ECSCanary10Percent5Minutes";
    options.terminationWaitMinutes = 10;
    f.createApplicationAndGroup(options);
    String green = f.registerWebRevision(Map.of());
    String id = f.deployRevision(green, Map.of());

    assertThat(greenAnswers(World.ListenerKind.PRODUCTION, 100, green)).isZero();
    f.advance(java.time.Duration.ofSeconds(32));
    assertThat(f.currentEvent(id)).isEqualTo("AllowTestTraffic");
    assertThat(greenAnswers(World.ListenerKind.PRODUCTION, 100, green)).isZero();

    f.advanceMinutes(1);
    assertThat(f.currentEvent(id)).isEqualTo("AllowTraffic");
    assertThat(greenAnswers(World.ListenerKind.TEST, 50, green)).isEqualTo(50);
    assertThat(greenAnswers(World.ListenerKind.PRODUCTION, 200, green)).isEqualTo(20);

    f.advanceMinutes(5);
    assertThat(greenAnswers(World.ListenerKind.PRODUCTION, 100, green)).isEqualTo(100);
    assertThat(f.deployment(id).status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
  }

  @Test
  void answersSayWhichTaskDefinitionRevisionServedThem() throws Exception {
    var response =
        http.send(
            HttpRequest.newBuilder(f.sim.listenerUri("web-lb", World.ListenerKind.PRODUCTION))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    var body = json.readTree(response.body());
    assertThat(body.path("family").asText()).isEqualTo("web");
    assertThat(body.path("revision").asInt()).isEqualTo(1);
    assertThat(body.path("targetGroup").asText()).isEqualTo("web-blue");
  }

  @Test
  void smokeTestHookThroughTheTestListenerCatchesAFailingReleaseAndRollsBack() {
    var options = new SimulatorFixture.GroupOptions();
    options.rollbackEvents = java.util.List.of("DEPLOYMENT_FAILURE");
    f.createApplicationAndGroup(options);
    String bad = f.registerWebRevision(Map.of("SIM_ERROR_RATE", "0.5"));
    String id = f.deployRevision(bad, hooks("AfterAllowTestTraffic", "CodeDeployHook_smoke"));

    f.advanceMinutes(2);

    var info = f.deployment(id);
    assertThat(info.status()).isEqualTo(DeploymentStatus.FAILED);
    assertThat(info.errorInformation().code()).isEqualTo(ErrorCode.HOOK_EXECUTION_FAILURE);
    assertThat(info.errorInformation().message()).contains("requests to /health answered 200");
    assertThat(f.greenWeight(info.rollbackInfo().rollbackDeploymentId())).isEqualTo(100.0);
    assertThat(f.serviceTaskDefinition()).endsWith("task-definition/web:1");
  }

  @Test
  void smokeTestHookPassesForAHealthyRelease() {
    f.createApplicationAndGroup(new SimulatorFixture.GroupOptions());
    String id = f.deploy(hooks("AfterAllowTestTraffic", "CodeDeployHook_smoke"));

    f.advanceMinutes(2);

    assertThat(f.deployment(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
  }
}
