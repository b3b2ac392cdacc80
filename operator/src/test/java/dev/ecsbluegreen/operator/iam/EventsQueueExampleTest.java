package dev.ecsbluegreen.operator.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * examples/events/codedeploy-events-queue.yaml sets up what the operator's events need: a rule
 * matching CodeDeploy's deployment state changes, a queue the IAM policy lets the operator read,
 * and a queue policy letting only that rule send.
 */
class EventsQueueExampleTest {
  static final Path TEMPLATE = Path.of("..", "examples", "events", "codedeploy-events-queue.yaml");

  final JsonNode resources = read().path("Resources");

  private static JsonNode read() {
    try {
      return new YAMLMapper().readTree(TEMPLATE.toFile());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + TEMPLATE, e);
    }
  }

  @Test
  void theRuleSendsCodeDeploysDeploymentStateChangesToTheQueue() {
    var rule = resources.path("DeploymentStateChangeRule");
    var pattern = rule.path("Properties").path("EventPattern");

    assertThat(rule.path("Type").asText()).isEqualTo("AWS::Events::Rule");
    assertThat(pattern.path("source").toString()).isEqualTo("[\"aws.codedeploy\"]");
    assertThat(pattern.path("detail-type").toString())
        .isEqualTo("[\"CodeDeploy Deployment State-change Notification\"]");
    assertThat(rule.path("Properties").path("Targets").get(0).path("Arn").toString())
        .contains("EventsQueue");
  }

  @Test
  void theQueueIsTheOneTheIamPolicyLetsTheOperatorRead() {
    String queueName = read().path("Parameters").path("QueueName").path("Default").asText();
    var policy = IamPolicy.example();

    var reading =
        policy.statements().stream()
            .filter(s -> s.actions().contains("sqs:ReceiveMessage"))
            .findFirst()
            .orElseThrow();
    assertThat(reading.resources()).singleElement().asString().endsWith(":" + queueName);
    assertThat(reading.actions()).contains("sqs:DeleteMessage");
  }

  @Test
  void onlyTheRuleMaySendToTheQueue() {
    var statement =
        resources
            .path("EventsQueuePolicy")
            .path("Properties")
            .path("PolicyDocument")
            .path("Statement")
            .get(0);

    assertThat(statement.path("Principal").path("Service").asText())
        .isEqualTo("events.amazonaws.com");
    assertThat(statement.path("Action").asText()).isEqualTo("sqs:SendMessage");
    assertThat(statement.path("Condition").path("ArnEquals").path("aws:SourceArn").toString())
        .contains("DeploymentStateChangeRule");
  }

  @Test
  void aReceiveWaitsLongerThanNothingAndAMessageHidesLongerThanAPoll() {
    var queue = resources.path("EventsQueue").path("Properties");

    assertThat(queue.path("ReceiveMessageWaitTimeSeconds").asInt()).isEqualTo(20);
    assertThat(queue.path("VisibilityTimeout").asInt()).isGreaterThan(20);
  }
}
