package dev.ecsbluegreen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ecsbluegreen.simulator.world.World;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookStage;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentLifecycleStage;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;

/** A hook function outside the simulator gets ECS's payload and its HTTP answer is its return. */
class EcsExternalHookTest {

  private final BlockingQueue<JsonNode> invocations = new ArrayBlockingQueue<>(10);
  private final ConcurrentLinkedQueue<String> answers = new ConcurrentLinkedQueue<>();
  private final HttpServer lambda;
  private final EcsNativeFixture f;

  EcsExternalHookTest() throws Exception {
    lambda = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    lambda.createContext(
        "/",
        exchange -> {
          invocations.add(new ObjectMapper().readTree(exchange.getRequestBody()));
          byte[] body = answers.remove().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    lambda.start();
    String url = "http://127.0.0.1:" + lambda.getAddress().getPort() + "/invoke";
    f =
        new EcsNativeFixture(
            EcsNativeFixture.world()
                .function(new World.FunctionSpec("external", World.Behaviour.URL, null, url, null))
                .build());
  }

  @AfterEach
  void close() {
    f.close();
    lambda.stop(0);
  }

  private String deployWithExternalHook() {
    return f.deploy(
        c ->
            c.strategy(DeploymentStrategy.BLUE_GREEN)
                .bakeTimeInMinutes(0)
                .lifecycleHooks(
                    h ->
                        h.hookTargetArn(f.functionArn("external"))
                            .roleArn(EcsNativeFixture.HOOK_ROLE)
                            .lifecycleStages(DeploymentLifecycleHookStage.POST_TEST_TRAFFIC_SHIFT)
                            .hookDetails(
                                software.amazon.awssdk.core.document.Document.mapBuilder()
                                    .putString("suite", "smoke")
                                    .build())));
  }

  /** Waits (wall time) for the simulator to take in the function's asynchronous answer. */
  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void theFunctionGetsEcsPayloadAndInProgressMakesEcsInvokeItAgain() throws Exception {
    answers.add("{\"hookStatus\":\"IN_PROGRESS\",\"callBackDelay\":15}");
    answers.add("{\"hookStatus\":\"SUCCEEDED\"}");
    String arn = deployWithExternalHook();
    f.clock.advance(Duration.ofSeconds(1 + 30 + 5));

    JsonNode first = invocations.poll(10, TimeUnit.SECONDS);
    assertThat(first).isNotNull();
    assertThat(first.path("lifecycleStage").asText()).isEqualTo("POST_TEST_TRAFFIC_SHIFT");
    assertThat(first.path("resourceArn").asText()).isEqualTo(arn);
    assertThat(first.path("hookDetails").path("suite").asText()).isEqualTo("smoke");
    JsonNode details = first.path("executionDetails");
    String target = f.deployment(arn).targetServiceRevision().arn();
    assertThat(details.path("serviceArn").asText()).isEqualTo(f.service().serviceArn());
    assertThat(details.path("targetServiceRevisionArn").asText()).isEqualTo(target);
    assertThat(details.path("testTrafficWeights").path(target).asDouble()).isEqualTo(100.0);
    assertThat(details.path("productionTrafficWeights").path(target).asDouble()).isZero();

    // Invoked again 15 s after the IN_PROGRESS answer arrived, not before.
    var answeredBy = f.clock.now();
    JsonNode second = null;
    for (int i = 0; i < 60 && second == null; i++) {
      f.clock.advance(Duration.ofSeconds(1));
      second = invocations.poll(50, TimeUnit.MILLISECONDS);
    }
    assertThat(second).isNotNull();
    assertThat(Duration.between(answeredBy, f.clock.now()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(15));
    await(
        () ->
            f.deployment(arn).lifecycleStage()
                == ServiceDeploymentLifecycleStage.PRODUCTION_TRAFFIC_SHIFT);
    f.clock.advance(Duration.ofSeconds(10));
    assertThat(f.deployment(arn).status()).isEqualTo(ServiceDeploymentStatus.SUCCESSFUL);
  }

  @Test
  void anAnswerWithoutAValidHookStatusRollsBack() throws Exception {
    answers.add("{\"status\":\"Succeeded\"}");
    String arn = deployWithExternalHook();
    f.clock.advance(Duration.ofSeconds(1 + 30 + 5));

    await(() -> f.deployment(arn).status() == ServiceDeploymentStatus.ROLLBACK_REQUESTED);

    assertThat(f.deployment(arn).statusReason()).contains("no valid hookStatus");
  }
}
