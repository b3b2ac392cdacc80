package dev.ecsbluegreen.operator.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart passes Helm's own checks, and values.schema.json stops bad values at install time. */
class ChartValidationTest {

  @Test
  void chartPassesStrictLint() {
    var result = Chart.lint();

    assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
    assertThat(result.getMessages())
        .noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
  }

  @Test
  void schemaRejectsReplicaCountThatIsNotANumber() {
    assertThatThrownBy(() -> Chart.render(Map.of("replicaCount", "two")))
        .hasMessageContaining("replicaCount");
  }

  @Test
  void schemaRejectsAnEventsQueueGivenByNameOrArn() {
    assertThatThrownBy(() -> Chart.render(Map.of("events.queueUrl", "ecs-bluegreen-events")))
        .hasMessageContaining("queueUrl");
    assertThatThrownBy(
            () ->
                Chart.render(
                    Map.of(
                        "events.queueUrl",
                        "arn:aws:sqs:us-east-1:123456789012:ecs-bluegreen-events")))
        .hasMessageContaining("queueUrl");
  }

  @Test
  void schemaRejectsUnknownLogFormat() {
    assertThatThrownBy(() -> Chart.render(Map.of("logFormat", "xml")))
        .hasMessageContaining("logFormat");
  }

  @Test
  void schemaRejectsMisspelledTopLevelKey() {
    // A typo such as watchNamespace (singular) would otherwise silently watch every namespace.
    assertThatThrownBy(() -> Chart.render(Map.of("watchNamespace", "payments")))
        .hasMessageContaining("watchNamespace");
  }

  @Test
  void schemaRejectsRoleArnThatIsNotAnIamRole() {
    assertThatThrownBy(
            () -> Chart.render(Map.of("serviceAccount.roleArn", "arn:aws:iam::123:user/bob")))
        .hasMessageContaining("roleArn");
  }
}
