package dev.ecsbluegreen.simulator;

import static dev.ecsbluegreen.simulator.SimulatorFixture.hooks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ecsbluegreen.simulator.world.World;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.InvalidLifecycleEventHookExecutionIdException;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventAlreadyCompletedException;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;

/** A hook function outside the simulator receives the real payload and reports by API call. */
class ExternalHookTest {

  private final BlockingQueue<JsonNode> invocations = new ArrayBlockingQueue<>(10);
  private final HttpServer lambda;
  private final SimulatorFixture f;

  ExternalHookTest() throws Exception {
    lambda = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    lambda.createContext(
        "/",
        exchange -> {
          invocations.add(new ObjectMapper().readTree(exchange.getRequestBody()));
          exchange.sendResponseHeaders(202, -1);
          exchange.close();
        });
    lambda.start();
    String url = "http://127.0.0.1:" + lambda.getAddress().getPort() + "/invoke";
    World world =
        World.builder()
            .cluster("prod")
            .taskDefinition("web", java.util.Map.of())
            .loadBalancer("web-lb", "web-blue", "web-green")
            .service("prod", "web", "web:1", "web-blue", 2)
            .function(
                new World.FunctionSpec(
                    "CodeDeployHook_external", World.Behaviour.URL, null, url, null))
            .function("CodeDeployHook_silent", World.Behaviour.NEVER_ANSWER)
            .build();
    f = new SimulatorFixture(world);
  }

  @AfterEach
  void close() {
    f.close();
    lambda.stop(0);
  }

  @Test
  void externalFunctionGetsTheInvocationPayloadAndItsReportMovesTheDeployment() throws Exception {
    f.createApplicationAndGroup(new SimulatorFixture.GroupOptions());
    String id = f.deploy(hooks("AfterAllowTestTraffic", "CodeDeployHook_external"));
    f.advanceMinutes(1);

    JsonNode payload = invocations.poll(10, TimeUnit.SECONDS);
    assertThat(payload).isNotNull();
    assertThat(payload.path("DeploymentId").asText()).isEqualTo(id);
    String execution = payload.path("LifecycleEventHookExecutionId").asText();
    assertThat(f.currentEvent(id)).isEqualTo("AfterAllowTestTraffic");

    var answer =
        f.codeDeploy.putLifecycleEventHookExecutionStatus(
            b ->
                b.deploymentId(id)
                    .lifecycleEventHookExecutionId(execution)
                    .status(LifecycleEventStatus.SUCCEEDED));
    f.advanceMinutes(1);

    assertThat(answer.lifecycleEventHookExecutionId()).isEqualTo(execution);
    assertThat(f.deployment(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    assertThatThrownBy(
            () ->
                f.codeDeploy.putLifecycleEventHookExecutionStatus(
                    b ->
                        b.deploymentId(id)
                            .lifecycleEventHookExecutionId(execution)
                            .status(LifecycleEventStatus.FAILED)))
        .isInstanceOf(LifecycleEventAlreadyCompletedException.class);
  }

  @Test
  void aRepeatedReportAfterTheDeploymentMovedOnIsAnsweredAsAlreadyCompleted() throws Exception {
    f.createApplicationAndGroup(new SimulatorFixture.GroupOptions());
    String id =
        f.deploy(
            hooks(
                "AfterInstall", "CodeDeployHook_external",
                "AfterAllowTestTraffic", "CodeDeployHook_silent"));
    f.advanceMinutes(1);
    JsonNode payload = invocations.poll(10, TimeUnit.SECONDS);
    assertThat(payload).isNotNull();
    String execution = payload.path("LifecycleEventHookExecutionId").asText();
    report(id, execution, LifecycleEventStatus.SUCCEEDED);
    f.advanceMinutes(1);
    // Another event's hook now runs: the first execution id is no longer the current one.
    assertThat(f.currentEvent(id)).isEqualTo("AfterAllowTestTraffic");

    assertThatThrownBy(() -> report(id, execution, LifecycleEventStatus.SUCCEEDED))
        .isInstanceOf(LifecycleEventAlreadyCompletedException.class);
    assertThatThrownBy(() -> report(id, "never-issued", LifecycleEventStatus.SUCCEEDED))
        .isInstanceOf(InvalidLifecycleEventHookExecutionIdException.class);
  }

  private void report(String deploymentId, String execution, LifecycleEventStatus status) {
    f.codeDeploy.putLifecycleEventHookExecutionStatus(
        b -> b.deploymentId(deploymentId).lifecycleEventHookExecutionId(execution).status(status));
  }
}
