package dev.ecsbluegreen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsbluegreen.simulator.events.EventRule;
import dev.ecsbluegreen.simulator.world.World;
import dev.ecsbluegreen.simulator.world.WorldLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;

/** SQS on JSON 1.0 and CodeDeploy's state-change events, through the real SDK's SqsClient. */
class EventsAndSqsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUEUE = "release-events";

  private final SimulatorFixture f =
      new SimulatorFixture(
          World.builder()
              .cluster("prod")
              .taskDefinition("web", Map.of())
              .loadBalancer("web-lb", "web-blue", "web-green")
              .service("prod", "web", "web:1", "web-blue", 2)
              .role(SimulatorFixture.ROLE)
              .eventRule(
                  new EventRule(
                      "codedeploy-to-queue",
                      List.of("aws.codedeploy"),
                      List.of("CodeDeploy Deployment State-change Notification"),
                      QUEUE))
              .dataPlane(false)
              .build());
  private final SqsClient sqs =
      SqsClient.builder()
          .endpointOverride(f.sim.endpoint())
          .region(Region.US_EAST_1)
          .credentialsProvider(SimulatorFixture.credentials("AKIDTEST"))
          .httpClient(
              UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
          .build();

  @AfterEach
  void close() {
    sqs.close();
    f.close();
  }

  private String queueUrl() {
    return sqs.getQueueUrl(b -> b.queueName(QUEUE)).queueUrl();
  }

  private List<Message> receive(int waitSeconds) {
    return sqs.receiveMessage(
            b -> b.queueUrl(queueUrl()).maxNumberOfMessages(10).waitTimeSeconds(waitSeconds))
        .messages();
  }

  /** Receives until {@code count} messages came or a receive came back empty; deletes them all. */
  private List<JsonNode> drain(int count) throws Exception {
    List<JsonNode> bodies = new ArrayList<>();
    while (bodies.size() < count) {
      var messages = receive(1);
      if (messages.isEmpty()) {
        break;
      }
      for (Message m : messages) {
        bodies.add(JSON.readTree(m.body()));
        sqs.deleteMessage(b -> b.queueUrl(queueUrl()).receiptHandle(m.receiptHandle()));
      }
    }
    return bodies;
  }

  private static List<String> states(List<JsonNode> events) {
    return events.stream().map(e -> e.path("detail").path("state").asText()).toList();
  }

  @Test
  void aDeploymentSendsStartThenSuccessInTheEventBridgeEnvelope() throws Exception {
    f.createApplicationAndGroup(new SimulatorFixture.GroupOptions());
    String id = f.deploy(Map.of());

    f.advanceMinutes(5);
    var events = drain(2);

    assertThat(states(events)).containsExactly("START", "SUCCESS");
    JsonNode success = events.get(1);
    assertThat(success.path("source").asText()).isEqualTo("aws.codedeploy");
    assertThat(success.path("detail-type").asText())
        .isEqualTo("CodeDeploy Deployment State-change Notification");
    assertThat(success.path("version").asText()).isEqualTo("0");
    assertThat(success.path("account").asText()).isEqualTo("123456789012");
    assertThat(success.path("region").asText()).isEqualTo("us-east-1");
    assertThat(success.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(success.path("resources").toString())
        .contains("arn:aws:codedeploy:us-east-1:123456789012:application:web-app")
        .contains("deploymentgroup:web-app/web-dg");
    JsonNode detail = success.path("detail");
    assertThat(detail.path("deploymentId").asText()).isEqualTo(id);
    assertThat(detail.path("application").asText()).isEqualTo("web-app");
    assertThat(detail.path("deploymentGroup").asText()).isEqualTo("web-dg");
    assertThat(detail.path("instanceGroupId").asText()).isNotEmpty();
    assertThat(f.sim.callLog().countOk("ReceiveMessage")).isPositive();
    assertThat(f.sim.calls()).anyMatch(c -> c.service().equals("sqs"));
  }

  @Test
  void theReadyWaitSendsReadyAndAStopSendsStopAndTheRollbacksStart() throws Exception {
    var options = new SimulatorFixture.GroupOptions();
    options.readyWaitMinutes = 30;
    f.createApplicationAndGroup(options);
    String id = f.deploy(Map.of());
    f.advanceMinutes(5);
    assertThat(states(drain(2))).containsExactly("START", "READY");

    f.codeDeploy.stopDeployment(b -> b.deploymentId(id).autoRollbackEnabled(true));
    var events = drain(3);

    assertThat(states(events)).containsExactly("STOP", "START");
    String rollbackId = events.get(1).path("detail").path("deploymentId").asText();
    assertThat(rollbackId).isNotEqualTo(id);
    f.advanceMinutes(5);
    assertThat(drain(1).get(0).path("detail").path("deploymentId").asText()).isEqualTo(rollbackId);
  }

  @Test
  void aLongPollWaitsForTheNextEventAndAnswersEmptyWhenNoneCame() {
    f.createApplicationAndGroup(new SimulatorFixture.GroupOptions());
    long before = System.nanoTime();
    assertThat(receive(1)).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThan(Duration.ofMillis(900));

    f.deploy(Map.of());
    var mover =
        new Thread(
            () -> {
              sleep(300);
              f.advanceMinutes(1);
            });
    mover.start();
    before = System.nanoTime();
    var messages = receive(10);
    assertThat(messages).isNotEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void anUndeletedMessageComesBackAfterItsVisibilityTimeout() {
    String url = sqs.createQueue(b -> b.queueName("plain")).queueUrl();
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"hello\":\"é\"}"));

    var first =
        sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(60).waitTimeSeconds(0))
            .messages();
    assertThat(first).hasSize(1);
    assertThat(first.get(0).body()).isEqualTo("{\"hello\":\"é\"}");
    assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();

    f.advance(Duration.ofSeconds(61));
    var again = sqs.receiveMessage(b -> b.queueUrl(url)).messages();
    assertThat(again).hasSize(1);
    assertThat(again.get(0).messageId()).isEqualTo(first.get(0).messageId());

    var batch =
        sqs.deleteMessageBatch(
            b ->
                b.queueUrl(url)
                    .entries(
                        e -> e.id("current").receiptHandle(again.get(0).receiptHandle()),
                        e -> e.id("bogus").receiptHandle("not-a-handle")));
    assertThat(batch.successful()).extracting(e -> e.id()).containsExactly("current");
    assertThat(batch.failed()).extracting(e -> e.id()).containsExactly("bogus");
    f.advance(Duration.ofMinutes(5));
    assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
  }

  @Test
  void unknownQueuesAndHandlesAreTheSdksModeledErrors() {
    assertThatThrownBy(() -> sqs.getQueueUrl(b -> b.queueName("nope")))
        .isInstanceOf(QueueDoesNotExistException.class);
    assertThatThrownBy(
            () -> sqs.deleteMessage(b -> b.queueUrl(queueUrl()).receiptHandle("not-a-handle")))
        .isInstanceOf(ReceiptHandleIsInvalidException.class);
  }

  @Test
  void deliveryFaultsDropDuplicateAndDelayEventsByState() throws Exception {
    f.createApplicationAndGroup(new SimulatorFixture.GroupOptions());
    f.sim.events().faults().dropNext("START", 1).duplicateNext("SUCCESS", 1);
    f.deploy(Map.of());
    f.advanceMinutes(5);
    assertThat(states(drain(3))).containsExactly("SUCCESS", "SUCCESS");

    f.sim.events().faults().delayNext("START", 1, Duration.ofMinutes(2));
    f.deploy(Map.of());
    f.advanceMinutes(1);
    assertThat(states(drain(2))).containsExactly("SUCCESS");
    f.advanceMinutes(2);
    assertThat(states(drain(1))).containsExactly("START");
  }

  @Test
  void aWorldFileDeclaresRulesAndEventFaults() {
    String yaml =
        """
        eventRules:
          - name: to-queue
            sources: [aws.codedeploy]
            queue: from-file
        faults:
          - kind: drop_event
            operation: SUCCESS
            rate: 0.5
        """;
    World world =
        WorldLoader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "t");
    assertThat(world.eventRules())
        .singleElement()
        .extracting(EventRule::queue)
        .isEqualTo("from-file");
    assertThat(world.faults().get(0).kind().isEventFault()).isTrue();
    try (var sim = Simulator.start(world, new dev.ecsbluegreen.simulator.world.ManualClock())) {
      assertThat(sim.queues().byName("from-file")).isPresent();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
