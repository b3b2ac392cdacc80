package dev.ecsbluegreen.operator.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's kubectl commands, run with the real kubectl against the embedded API (no operator):
 * apply, edit, merge patch and create namespace work without hidden flags, lists are replaced as
 * RFC 7386 says, and a release a cluster would refuse is refused with the cluster's words.
 */
class EmbeddedKubectlIT {
  private static final String NAMESPACE = "payments";

  @TempDir static Path folder;
  static EmbeddedKubernetes kubernetes;
  static Path kubeconfig;

  @BeforeAll
  static void start() throws Exception {
    kubernetes = EmbeddedKubernetes.start(0);
    kubeconfig = Kubeconfig.write(folder.resolve("embedded.kubeconfig"), kubernetes.url());
    assertThat(kubectl("create", "namespace", NAMESPACE).exitCode).isZero();
  }

  @AfterAll
  static void stop() {
    kubernetes.close();
  }

  @Test
  void createNamespaceAnswersInsteadOfHanging() throws Exception {
    var created = kubectl("create", "namespace", "team-a");

    assertThat(created.exitCode).as(created.output).isZero();
    assertThat(created.output).contains("namespace/team-a created");
    assertThat(kubectl("get", "namespace", "team-a").output).contains("team-a");
  }

  @Test
  void applyCreatesThenUpdatesARelease() throws Exception {
    var created = kubectl("apply", "-f", manifest("apply-api", "repo/apply:1").toString());
    assertThat(created.exitCode).as(created.output).isZero();

    var updated = kubectl("apply", "-f", manifest("apply-api", "repo/apply:2").toString());

    assertThat(updated.exitCode).as(updated.output).isZero();
    assertThat(updated.output)
        .contains("ecsbluegreenrelease.ecs.bluegreen.dev/apply-api configured");
    assertThat(containers("apply-api")).isEqualTo("app=repo/apply:2");
    assertThat(field("apply-api", "{.metadata.generation}")).isEqualTo("2");
  }

  @Test
  void mergePatchReplacesTheContainerListInsteadOfAppending() throws Exception {
    create("patch-api", "repo/patch:1");

    var patched =
        kubectl(
            "patch",
            "release",
            "patch-api",
            "--type",
            "merge",
            "-p",
            "{\"spec\":{\"taskDefinition\":{\"template\":{\"containers\":"
                + "[{\"name\":\"app\",\"image\":\"repo/patch:2\"}]}}}}");

    assertThat(patched.exitCode).as(patched.output).isZero();
    assertThat(containers("patch-api")).isEqualTo("app=repo/patch:2");
  }

  @Test
  void editThroughAnEditorSavesTheChange() throws Exception {
    create("edit-api", "repo/edit:1");
    var editor = folder.resolve("editor.sh");
    Files.writeString(editor, "#!/bin/sh\nsed -i 's#repo/edit:1#repo/edit:2#' \"$1\"\n");
    Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));

    var edited = kubectl(List.of("KUBE_EDITOR", editor.toString()), "edit", "release", "edit-api");

    assertThat(edited.exitCode).as(edited.output).isZero();
    assertThat(edited.output).contains("edited");
    assertThat(containers("edit-api")).isEqualTo("app=repo/edit:2");
  }

  @Test
  void applyOfAnInvalidReleaseIsRefusedAsAClusterRefusesIt() throws Exception {
    var both =
        Files.readString(manifest("both-api", "repo/both:1"))
            .replace(
                "deploymentGroup: both-api-dg",
                "deploymentGroup: both-api-dg\n    deploymentConfig: CodeDeployDefault.ECSAllAtOnce\n"
                    + "    trafficRouting: {type: TimeBasedCanary, percentage: 150,"
                    + " intervalMinutes: 5}");
    var file = Files.writeString(folder.resolve("both-api.yaml"), both);

    var refused = kubectl("apply", "-f", file.toString());

    assertThat(refused.exitCode).isNotZero();
    assertThat(refused.output)
        .contains("The EcsBlueGreenRelease \"both-api\" is invalid")
        .contains(
            "spec.codeDeploy.trafficRouting.percentage: Invalid value: 150: spec.codeDeploy.trafficRouting.percentage in body should be less than"
                + " or equal to 99")
        .contains(
            "spec.codeDeploy: Invalid value: \"object\": set deploymentConfig or trafficRouting,"
                + " not both");
    assertThat(kubectl("get", "release", "both-api").exitCode).isNotZero();
  }

  @Test
  void patchThatBreaksARuleIsRefusedAndChangesNothing() throws Exception {
    create("rule-api", "repo/rule:1");

    var refused =
        kubectl(
            "patch",
            "release",
            "rule-api",
            "--type",
            "merge",
            "-p",
            "{\"spec\":{\"codeDeploy\":{\"deploymentGroup\":null}}}");

    assertThat(refused.exitCode).isNotZero();
    assertThat(refused.output)
        .contains("The EcsBlueGreenRelease \"rule-api\" is invalid")
        .contains("spec.codeDeploy.deploymentGroup: Required value");
    assertThat(field("rule-api", "{.spec.codeDeploy.deploymentGroup}")).isEqualTo("rule-api-dg");
  }

  @Test
  void unknownFieldIsRefusedUnderKubectlsStrictValidation() throws Exception {
    var typo =
        Files.readString(manifest("typo-api", "repo/typo:1"))
            .replace("  loadBalancer:", "  loadBalancr: {containerName: app}\n  loadBalancer:");
    var file = Files.writeString(folder.resolve("typo-api.yaml"), typo);

    var refused = kubectl("apply", "-f", file.toString());

    assertThat(refused.exitCode).isNotZero();
    assertThat(refused.output).contains("unknown field \"spec.loadBalancr\"");
  }

  private static void create(String name, String image) throws Exception {
    var created = kubectl("apply", "-f", manifest(name, image).toString());
    assertThat(created.exitCode).as(created.output).isZero();
  }

  private static String containers(String name) throws Exception {
    return field(name, "{range .spec.taskDefinition.template.containers[*]}{.name}={.image} {end}")
        .trim();
  }

  private static String field(String name, String jsonPath) throws Exception {
    var got = kubectl("get", "release", name, "-o", "jsonpath=" + jsonPath);
    assertThat(got.exitCode).as(got.output).isZero();
    return got.output;
  }

  private static Path manifest(String name, String image) throws IOException {
    return Files.writeString(
        folder.resolve(name + "-" + image.replaceAll("[^a-z0-9]", "-") + ".yaml"),
        """
        apiVersion: ecs.bluegreen.dev/v1alpha1
        kind: EcsBlueGreenRelease
        metadata: {name: %1$s, namespace: payments}
        spec:
          service: {cluster: prod-cluster, name: %1$s}
          codeDeploy:
            application: %1$s
            deploymentGroup: %1$s-dg
          taskDefinition:
            template:
              containers:
                - {name: app, image: "%2$s"}
          loadBalancer: {containerName: app, containerPort: 8080}
        """
            .formatted(name, image));
  }

  private static Result kubectl(String... arguments) throws Exception {
    return kubectl(List.of(), arguments);
  }

  /** Runs kubectl against the embedded API; environment is name, value, name, value... */
  private static Result kubectl(List<String> environment, String... arguments) throws Exception {
    var command = new ArrayList<String>();
    command.add("kubectl");
    command.addAll(List.of("--kubeconfig", kubeconfig.toString(), "-n", NAMESPACE));
    command.addAll(List.of(arguments));
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    for (int i = 0; i < environment.size(); i += 2) {
      builder.environment().put(environment.get(i), environment.get(i + 1));
    }
    var process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", arguments) + " did not finish");
    }
    var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.exitValue(), output);
  }

  private record Result(int exitCode, String output) {}
}
