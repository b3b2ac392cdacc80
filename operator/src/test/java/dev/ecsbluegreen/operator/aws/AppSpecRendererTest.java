package dev.ecsbluegreen.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsbluegreen.operator.api.v1alpha1.CapacityProviderStrategyItem;
import dev.ecsbluegreen.operator.api.v1alpha1.CodeDeploySpec;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseSpec;
import dev.ecsbluegreen.operator.api.v1alpha1.LoadBalancerTarget;
import dev.ecsbluegreen.operator.api.v1alpha1.NetworkConfiguration;
import dev.ecsbluegreen.operator.api.v1alpha1.ServiceRef;
import dev.ecsbluegreen.operator.api.v1alpha1.TaskDefinitionSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppSpecRendererTest {

  private static final String ARN = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7";

  private static EcsBlueGreenReleaseSpec spec(
      Map<String, String> hooks,
      String platformVersion,
      NetworkConfiguration network,
      List<CapacityProviderStrategyItem> capacity) {
    return new EcsBlueGreenReleaseSpec(
        null,
        new ServiceRef("prod", "web"),
        new CodeDeploySpec("web-app", "web-dg", null, null, null),
        null,
        new TaskDefinitionSpec(ARN, null, null),
        new LoadBalancerTarget("app", 8080),
        platformVersion,
        network,
        capacity,
        hooks,
        null,
        null,
        null,
        null);
  }

  @Test
  void rendersTheMinimalAppSpecInAwsShape() {
    var appSpec = AppSpecRenderer.render(spec(Map.of(), null, null, null), ARN);

    assertThat(appSpec.content())
        .isEqualTo(
            "{\"version\":0.0,\"Resources\":[{\"TargetService\":{\"Type\":\"AWS::ECS::Service\","
                + "\"Properties\":{\"TaskDefinition\":\""
                + ARN
                + "\",\"LoadBalancerInfo\":{\"ContainerName\":\"app\",\"ContainerPort\":8080}}}}]}");
  }

  @Test
  void rendersEveryOptionalPropertyAndHooksInLifecycleOrder() throws Exception {
    Map<String, String> hooks = new LinkedHashMap<>();
    hooks.put("afterAllowTraffic", "CodeDeployHook_after");
    hooks.put("beforeInstall", "CodeDeployHook_before");
    hooks.put("afterAllowTestTraffic", "arn:aws:lambda:us-east-1:123456789012:function:smoke");
    var network =
        new NetworkConfiguration(
            new NetworkConfiguration.AwsVpcConfiguration(
                List.of("subnet-0123456789abcdef0"),
                List.of("sg-0123456789abcdef0"),
                NetworkConfiguration.AssignPublicIp.DISABLED));
    var capacity =
        List.of(
            new CapacityProviderStrategyItem("FARGATE", 1, 1),
            new CapacityProviderStrategyItem("FARGATE_SPOT", null, 3));

    var appSpec = AppSpecRenderer.render(spec(hooks, "1.4.0", network, capacity), ARN);
    var tree = new ObjectMapper().readTree(appSpec.content());

    var properties = tree.at("/Resources/0/TargetService/Properties");
    assertThat(properties.path("PlatformVersion").asText()).isEqualTo("1.4.0");
    assertThat(properties.at("/NetworkConfiguration/AwsvpcConfiguration").toString())
        .isEqualTo(
            "{\"Subnets\":[\"subnet-0123456789abcdef0\"],\"SecurityGroups\":"
                + "[\"sg-0123456789abcdef0\"],\"AssignPublicIp\":\"DISABLED\"}");
    assertThat(properties.path("CapacityProviderStrategy").toString())
        .isEqualTo(
            "[{\"Base\":1,\"CapacityProvider\":\"FARGATE\",\"Weight\":1},"
                + "{\"CapacityProvider\":\"FARGATE_SPOT\",\"Weight\":3}]");
    assertThat(tree.path("Hooks").toString())
        .isEqualTo(
            "[{\"BeforeInstall\":\"CodeDeployHook_before\"},"
                + "{\"AfterAllowTestTraffic\":\"arn:aws:lambda:us-east-1:123456789012:function:smoke\"},"
                + "{\"AfterAllowTraffic\":\"CodeDeployHook_after\"}]");
  }

  @Test
  void theSameSpecAlwaysRendersTheSameBytesAndHash() {
    Map<String, String> hooks =
        Map.of("afterInstall", "a", "beforeAllowTraffic", "b", "beforeInstall", "c");
    var first = AppSpecRenderer.render(spec(hooks, null, null, null), ARN);
    var second = AppSpecRenderer.render(spec(new LinkedHashMap<>(hooks), null, null, null), ARN);

    assertThat(second).isEqualTo(first);
  }

  @Test
  void theHashIsLowerCaseHexSha256OfTheUtf8Content() throws Exception {
    var appSpec = AppSpecRenderer.render(spec(Map.of(), null, null, null), ARN);
    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(appSpec.content().getBytes(StandardCharsets.UTF_8)));

    assertThat(appSpec.sha256()).isEqualTo(expected).matches("[0-9a-f]{64}");
  }
}
