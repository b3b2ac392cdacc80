package dev.ecsbluegreen.simulator.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AppSpecTest {

  @Test
  void readsJsonWithNumericVersionAsTheCliSendsIt() {
    var spec =
        AppSpec.parse(
            """
            {"version": 0.0, "Resources": [{"TargetService": {"Type": "AWS::ECS::Service",
              "Properties": {"TaskDefinition": "arn:aws:ecs:us-east-1:1:task-definition/web:7",
                "LoadBalancerInfo": {"ContainerName": "app", "ContainerPort": 8080}}}}],
             "Hooks": [{"AfterAllowTestTraffic": "arn:aws:lambda:us-east-1:1:function:smoke:live"}]}
            """);

    assertThat(spec.taskDefinition()).endsWith("web:7");
    assertThat(spec.containerPort()).isEqualTo(8080);
    assertThat(spec.hooks())
        .containsEntry("AfterAllowTestTraffic", "arn:aws:lambda:us-east-1:1:function:smoke:live");
    assertThat(HookInvoker.functionName(spec.hooks().get("AfterAllowTestTraffic")))
        .isEqualTo("smoke");
  }

  @Test
  void readsYamlWithLowerCaseKeysAsTheReferencePageWritesThem() {
    var spec =
        AppSpec.parse(
            """
            version: "0.0"
            resources:
              - TargetService:
                  type: AWS::ECS::Service
                  properties:
                    taskDefinition: web:2
                    loadBalancerInfo: {containerName: app, containerPort: 80}
            hooks:
              - beforeInstall: CodeDeployHook_pre
            """);

    assertThat(spec.taskDefinition()).isEqualTo("web:2");
    assertThat(spec.hooks()).containsEntry("BeforeInstall", "CodeDeployHook_pre");
  }

  @Test
  void refusesASpecWithoutContainerPortOrWithAnUnknownHook() {
    assertThatThrownBy(
            () ->
                AppSpec.parse(
                    "version: 0.0\nResources:\n  - T: {Properties: {TaskDefinition: x, LoadBalancerInfo: {ContainerName: a}}}\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ContainerPort");
    assertThatThrownBy(
            () ->
                AppSpec.parse(
                    "version: 0.0\nResources:\n  - T: {Properties: {TaskDefinition: x, LoadBalancerInfo: {ContainerName: a, ContainerPort: 1}}}\nHooks:\n  - Install: f\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown lifecycle hook Install");
  }
}
