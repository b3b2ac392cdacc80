package dev.ecsbluegreen.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What `run`'s options (and so the Helm chart's environment variables) make of the operator. */
class RunCommandTest {

  @Test
  void watchesAllNamespacesWithTheDefaultPolls() {
    var config = parse().config();

    assertThat(config.watchesAllNamespaces()).isTrue();
    assertThat(config.fastPoll()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.slowPoll()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.stalledPoll()).isEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void takesNamespacesRepeatedOrCommaSeparated() {
    var config = parse("-n", "payments,orders", "--namespace", "checkout").config();

    assertThat(config.namespaces()).containsExactlyInAnyOrder("payments", "orders", "checkout");
  }

  @Test
  void anEmptyNamespaceListMeansAllNamespaces() {
    // What OPERATOR_NAMESPACES="" gives, e.g. from an extraEnv entry or a shell default.
    var config = parse("--namespace", "").config();

    assertThat(config.watchesAllNamespaces()).isTrue();
  }

  @Test
  void takesRegionEndpointAndPolls() {
    var config =
        parse(
                "--region", "eu-west-1",
                "--aws-endpoint", "http://127.0.0.1:4566",
                "--poll-active", "2",
                "--poll-idle", "60",
                "--poll-stalled", "600")
            .config();

    assertThat(config.region()).isEqualTo("eu-west-1");
    assertThat(config.awsEndpoint()).isEqualTo(URI.create("http://127.0.0.1:4566"));
    assertThat(config.fastPoll()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.slowPoll()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.stalledPoll()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void refusesAPollThatIsNotPositive() {
    var command = parse("--poll-idle", "0");

    assertThatThrownBy(command::config)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--poll-idle must be a positive number of seconds");
  }

  @Test
  void pollsAloneWithoutAnEventsQueue() {
    assertThat(parse().config().events().enabled()).isFalse();
  }

  @Test
  void takesTheEventsQueueAndItsPolls() {
    var config =
        parse(
                "--events-queue-url",
                "https://sqs.eu-west-1.amazonaws.com/123456789012/ecs-bluegreen-events",
                "--poll-with-events",
                "300",
                "--events-quiet-after",
                "90")
            .config();

    assertThat(config.events().queueUrl())
        .isEqualTo(
            URI.create("https://sqs.eu-west-1.amazonaws.com/123456789012/ecs-bluegreen-events"));
    assertThat(config.events().safetyPoll()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.events().quietAfter()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void theEventsPollsDefaultToTwoMinutes() {
    var events =
        parse("--events-queue-url", "https://sqs.us-east-1.amazonaws.com/123456789012/q")
            .config()
            .events();

    assertThat(events.safetyPoll()).isEqualTo(Duration.ofMinutes(2));
    assertThat(events.quietAfter()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void refusesAQueueUrlThatIsNoSqsQueueUrl() {
    for (String bad :
        new String[] {
          "ecs-bluegreen-events",
          "arn:aws:sqs:us-east-1:123456789012:ecs-bluegreen-events",
          "https://sqs.us-east-1.amazonaws.com/ecs-bluegreen-events"
        }) {
      assertThatThrownBy(parse("--events-queue-url", bad)::config)
          .isInstanceOf(BadOptionException.class)
          .hasMessageStartingWith("--events-queue-url must be an SQS queue URL like https://sqs.")
          .hasMessageEndingWith(bad);
    }
  }

  @Test
  void budgetsAndOutageProbesDefaultToTheDocumentedValues() {
    var guards = parse().guards();

    assertThat(guards.ecsCallsPerSecond()).isEqualTo(20);
    assertThat(guards.codeDeployCallsPerSecond()).isEqualTo(10);
    assertThat(guards.breakerFailures()).isEqualTo(5);
    assertThat(guards.probeEvery()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void takesBudgetsAndOutageSettings() {
    var guards =
        parse(
                "--aws-ecs-calls-per-second", "40",
                "--aws-codedeploy-calls-per-second", "4",
                "--aws-cloudwatch-calls-per-second", "7",
                "--aws-outage-failures", "8",
                "--aws-outage-probe", "60")
            .guards();

    assertThat(guards.ecsCallsPerSecond()).isEqualTo(40);
    assertThat(guards.codeDeployCallsPerSecond()).isEqualTo(4);
    assertThat(guards.cloudWatchCallsPerSecond()).isEqualTo(7);
    assertThat(guards.breakerFailures()).isEqualTo(8);
    assertThat(guards.probeEvery()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void refusesABudgetThatIsNotPositive() {
    var command = parse("--aws-codedeploy-calls-per-second", "0");

    assertThatThrownBy(command::guards)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--aws-codedeploy-calls-per-second must be a positive number of calls");
  }

  private static RunCommand parse(String... args) {
    var command = new RunCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }
}
