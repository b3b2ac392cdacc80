package dev.ecsbluegreen.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsbluegreen.simulator.world.ManualClock;
import dev.ecsbluegreen.simulator.world.SimClock;
import dev.ecsbluegreen.simulator.world.World;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;

/**
 * A simulator with one ECS-controller service ({@code prod/shop} on shop-blue, with shop-green as
 * the alternate group) and an ECS client; helpers to deploy a new revision and to watch the
 * deployment's stages over simulated time.
 */
final class EcsNativeFixture implements AutoCloseable {

  static final String HOOK_ROLE = "arn:aws:iam::123456789012:role/ecsHookRole";

  /** The manual clock, or null when the fixture runs on another clock. */
  final ManualClock clock;

  final Simulator sim;
  final EcsClient ecs;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  EcsNativeFixture() {
    this(world().build());
  }

  EcsNativeFixture(World world) {
    this(world, new ManualClock());
  }

  EcsNativeFixture(World world, SimClock simClock) {
    clock = simClock instanceof ManualClock manual ? manual : null;
    sim = Simulator.start(world, simClock);
    ecs =
        EcsClient.builder()
            .endpointOverride(sim.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "x")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  static World.Builder world() {
    return World.builder()
        .cluster("prod")
        .taskDefinition(new World.TaskDefinitionSpec("shop", null, null, null, Map.of(), 2))
        .loadBalancer("shop-lb", "shop-blue", "shop-green")
        .ecsService("prod", "shop", "shop:1", "shop-blue", "shop-green", 2)
        .function("ok", World.Behaviour.SUCCEED)
        .function("fail", World.Behaviour.FAIL)
        .function("silent", World.Behaviour.NEVER_ANSWER)
        .alarm("shop-5xx");
  }

  String functionArn(String name) {
    return "arn:aws:lambda:us-east-1:123456789012:function:" + name;
  }

  /** UpdateService to shop:2 with the configuration given; returns the new deployment's ARN. */
  String deploy(Consumer<DeploymentConfiguration.Builder> config) {
    return deploy("shop:2", config);
  }

  String deploy(String taskDefinition, Consumer<DeploymentConfiguration.Builder> config) {
    return ecs.updateService(
            b ->
                b.cluster("prod")
                    .service("shop")
                    .taskDefinition(taskDefinition)
                    .deploymentConfiguration(config))
        .service()
        .currentServiceDeployment();
  }

  Service service() {
    return ecs.describeServices(b -> b.cluster("prod").services("shop")).services().get(0);
  }

  ServiceDeployment deployment(String arn) {
    return ecs.describeServiceDeployments(b -> b.serviceDeploymentArns(arn))
        .serviceDeployments()
        .get(0);
  }

  /** "status/stage/targetProductionWeight" once per step of {@code step} until finished. */
  List<String> watch(String arn, Duration step, int maxSteps) {
    var seen = new ArrayList<String>();
    for (int i = 0; i < maxSteps; i++) {
      ServiceDeployment d = deployment(arn);
      String line =
          d.statusAsString()
              + "/"
              + d.lifecycleStageAsString()
              + "/"
              + d.targetServiceRevision().requestedProductionTrafficWeight();
      if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(line)) {
        seen.add(line);
      }
      if (d.finishedAt() != null) {
        break;
      }
      clock.advance(step);
    }
    return seen;
  }

  /** Of {@code n} requests through the listener, how many shop:2's tasks answered. */
  int answersFromRevision2(World.ListenerKind listener, int n) throws Exception {
    URI uri = sim.listenerUri("shop-lb", listener).resolve("/");
    int count = 0;
    for (int i = 0; i < n; i++) {
      var response =
          http.send(
              HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (json.readTree(response.body()).path("taskDefinition").asText().endsWith("shop:2")) {
        count++;
      }
    }
    return count;
  }

  @Override
  public void close() {
    ecs.close();
    sim.close();
  }
}
