package dev.ecsbluegreen.operator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeploymentEventReaderTest {

  @Test
  void readsTheDeploymentStateAndTimeOfAnEventBridgeEnvelope() throws Exception {
    String body =
        """
        {"version":"0","id":"5b1f","detail-type":"CodeDeploy Deployment State-change Notification",
         "source":"aws.codedeploy","account":"123456789012","time":"2024-05-01T10:00:00Z",
         "region":"us-east-1","resources":[],
         "detail":{"deploymentId":"d-ABCDEF123","state":"SUCCESS","application":"a",
                   "deploymentGroup":"g","region":"us-east-1","instanceGroupId":"x"}}
        """;

    assertThat(DeploymentEventReader.read(body))
        .isEqualTo(
            new DeploymentStateChange(
                "d-ABCDEF123", "SUCCESS", Instant.parse("2024-05-01T10:00:00Z")));
  }

  @Test
  void anEventWithoutAReadableTimeHasNone() throws Exception {
    String detail = "\"detail\":{\"deploymentId\":\"d-1\",\"state\":\"SUCCESS\"}";

    assertThat(DeploymentEventReader.read("{" + detail + "}").time()).isNull();
    assertThat(DeploymentEventReader.read("{\"time\":\"yesterday\"," + detail + "}").time())
        .isNull();
  }

  @Test
  void saysWhyAMessageIsNoDeploymentEvent() {
    assertThatThrownBy(() -> DeploymentEventReader.read("hello"))
        .hasMessage("the body is not JSON");
    assertThatThrownBy(() -> DeploymentEventReader.read("[1]"))
        .hasMessage("the body is not a JSON object");
    assertThatThrownBy(
            () ->
                DeploymentEventReader.read(
                    "{\"source\":\"aws.s3\",\"detail-type\":\"Object Created\",\"detail\":{}}"))
        .hasMessage(
            "it has no detail.deploymentId (detail-type 'Object Created', source 'aws.s3')");
  }
}
