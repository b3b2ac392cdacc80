package dev.ecsbluegreen.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;

class SdkModelJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) JSON.readTree(text);
  }

  @Test
  void aRequestSurvivesJsonToModelToJson() throws Exception {
    var json =
        json(
            """
            {"family": "web", "cpu": "256", "pidMode": "task",
             "ephemeralStorage": {"sizeInGiB": 30},
             "proxyConfiguration": {"type": "APPMESH", "containerName": "envoy",
               "properties": [{"name": "IgnoredUID", "value": "1337"}]},
             "containerDefinitions": [{"name": "app", "image": "web:1",
               "portMappings": [{"containerPort": 80, "protocol": "udp"}],
               "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g"}},
               "dockerLabels": {"a": "b"},
               "linuxParameters": {"capabilities": {"add": ["NET_ADMIN"]}, "initProcessEnabled": true},
               "healthCheck": {"command": ["CMD", "true"], "interval": 10}}]}
            """);

    var request = SdkModelJson.fill(RegisterTaskDefinitionRequest.builder(), json, "R").build();

    assertThat(request.containerDefinitions().get(0).portMappings().get(0).protocol())
        .isEqualTo(TransportProtocol.UDP);
    assertThat(request.ephemeralStorage().sizeInGiB()).isEqualTo(30);
    assertThat(SdkModelJson.toJson(request)).isEqualTo(json);
  }

  @Test
  void aValueOfTheWrongTypeNamesItsPath() throws Exception {
    var json =
        json(
            "{\"family\": \"web\", \"containerDefinitions\": [{\"name\": \"a\", \"cpu\": \"lots\"}]}");

    assertThatThrownBy(
            () ->
                SdkModelJson.fill(
                    RegisterTaskDefinitionRequest.builder(), json, "RegisterTaskDefinition"))
        .isInstanceOf(InvalidReleaseException.class)
        .hasMessage(
            "RegisterTaskDefinition field containerDefinitions[0].cpu must be an integer, not \"lots\"");
  }

  @Test
  void aNumberWhereEcsWantsAStringIsAccepted() throws Exception {
    var request =
        SdkModelJson.fill(
                RegisterTaskDefinitionRequest.builder(),
                json("{\"family\": \"web\", \"cpu\": 256, \"memory\": 512}"),
                "R")
            .build();

    assertThat(request.cpu()).isEqualTo("256");
    assertThat(request.memory()).isEqualTo("512");
  }
}
