package dev.ecsbluegreen.operator.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsbluegreen.operator.embedded.ReleaseManifests.ManifestException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded demo given a release a cluster would refuse refuses it too, in one line with the
 * admission's words, before it starts anything: it does not run half a demo on a guess.
 */
class BadManifestTest {
  @TempDir Path folder;

  @Test
  void releaseWithArnAndTemplateIsRefusedBeforeAnythingStarts() throws Exception {
    var manifest =
        Files.writeString(
            folder.resolve("checkout-api.yaml"),
            """
            apiVersion: ecs.bluegreen.dev/v1alpha1
            kind: EcsBlueGreenRelease
            metadata: {name: checkout-api, namespace: payments}
            spec:
              service: {cluster: prod-cluster, name: checkout-api}
              codeDeploy: {application: checkout-api, deploymentGroup: checkout-api-dg}
              taskDefinition:
                arn: arn:aws:ecs:us-east-1:123456789012:task-definition/checkout-api:7
                template:
                  containers: [{name: app, image: "repo/checkout:2"}]
              loadBalancer: {containerName: app, containerPort: 8080}
            """);
    var output = new ByteArrayOutputStream();
    var demo =
        new EmbeddedDemo(
            settings(manifest),
            (kubernetes, aws, clock) -> {
              throw new AssertionError("the operator must not start");
            },
            new PrintStream(output, true, StandardCharsets.UTF_8));

    assertThatThrownBy(demo::run)
        .isInstanceOf(ManifestException.class)
        .hasMessage(
            manifest
                + ": The EcsBlueGreenRelease \"checkout-api\" is invalid:"
                + " spec.taskDefinition: Invalid value: \"object\": set exactly one of arn, template"
                + " or inline");
    assertThat(output.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void everyRuleBrokenIsListedOnTheSameLine() throws Exception {
    var manifest =
        Files.writeString(
            folder.resolve("orders-api.yaml"),
            """
            apiVersion: ecs.bluegreen.dev/v1alpha1
            kind: EcsBlueGreenRelease
            metadata: {name: orders-api, namespace: orders}
            spec:
              service: {cluster: prod-cluster, name: orders-api}
              codeDeploy:
                application: orders-api
                deploymentGroup: orders-api-dg
                deploymentConfig: CodeDeployDefault.ECSAllAtOnce
                trafficRouting: {type: TimeBasedCanary, percentage: 50, intervalMinutes: 5}
              taskDefinition:
                arn: arn:aws:ecs:us-east-1:123456789012:task-definition/orders-api:7
                template:
                  containers: [{name: app, image: "repo/orders:2"}]
              loadBalancer: {containerName: app, containerPort: 8080}
            """);

    assertThatThrownBy(() -> ReleaseManifests.load(List.of(manifest)))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("set deploymentConfig or trafficRouting, not both")
        .hasMessageContaining("set exactly one of arn, template or inline")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  private static DemoSettings settings(Path manifest) {
    return new DemoSettings(
        List.of(manifest),
        100,
        Duration.ofSeconds(10),
        false,
        true,
        Path.of("unused.kubeconfig"),
        0,
        0,
        false,
        Duration.ofMillis(100));
  }
}
