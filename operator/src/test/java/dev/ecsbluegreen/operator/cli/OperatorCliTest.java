package dev.ecsbluegreen.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class OperatorCliTest {

  @Test
  void namesTheSimulatorAsTheSubcommandItIsCalledBy() {
    var err = new StringWriter();

    var code = OperatorCli.execute(new PrintWriter(err), "simulator", "--no-such-flag");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().lines())
        .containsExactly(
            "error: Unknown option: '--no-such-flag' (see 'ecs-bluegreen-operator simulator"
                + " --help')");
  }

  @Test
  void refusesAMalformedManifestWithTheLineAndTheProblem(@TempDir Path folder) throws Exception {
    var manifest =
        Files.writeString(
            folder.resolve("bad.yaml"),
            """
            apiVersion: ecs.bluegreen.dev/v1alpha1
            kind: EcsBlueGreenRelease
            metadata: {name: a, namespace: b
            spec: {}
            """);
    var err = new StringWriter();

    var code = OperatorCli.execute(new PrintWriter(err), "embedded", manifest.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString().lines())
        .containsExactly(
            "error: "
                + manifest
                + ": not valid YAML: line 4, column 5: expected ',' or '}', but got :"
                + " (while parsing a flow mapping)");
  }

  @Test
  void refusesAMisspelledFieldByItsPath(@TempDir Path folder) throws Exception {
    var example = Files.readString(Path.of("..", "examples", "checkout-api.yaml"));
    var manifest =
        Files.writeString(folder.resolve("typo.yaml"), example.replace("\n  hooks:", "\n  hook:"));
    var err = new StringWriter();

    var code = OperatorCli.execute(new PrintWriter(err), "embedded", manifest.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString())
        .startsWith(
            "error: "
                + manifest
                + ": not a valid EcsBlueGreenRelease: spec.hook: unknown field (did you mean"
                + " 'hooks'?); known fields: analysis, aws, capacityProviderStrategy, codeDeploy,")
        .doesNotContain("dev.ecsbluegreen", "class ");
  }

  @Test
  void refusesAValueOfTheWrongTypeAsTheApiServerWould(@TempDir Path folder) throws Exception {
    var example = Files.readString(Path.of("..", "examples", "checkout-api.yaml"));
    var manifest =
        Files.writeString(
            folder.resolve("type.yaml"),
            example.replace("containerPort: 8080", "containerPort: eighty"));
    var err = new StringWriter();

    var code = OperatorCli.execute(new PrintWriter(err), "embedded", manifest.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString().lines())
        .containsExactly(
            "error: "
                + manifest
                + ": The EcsBlueGreenRelease \"checkout-api\" is invalid:"
                + " spec.loadBalancer.containerPort: Invalid value: \"string\":"
                + " spec.loadBalancer.containerPort in body must be of type integer: \"string\";"
                + " <nil>: Invalid value: \"null\": some validation rules were not checked because"
                + " the object was invalid; correct the existing errors to complete validation");
  }

  @Test
  void refusesAnOptionValueOutOfRangeAsWrongUsage() {
    var err = new StringWriter();

    var code = OperatorCli.execute(new PrintWriter(err), "embedded", "--minute-ms", "1");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().lines())
        .containsExactly(
            "error: --minute-ms must be at least 10 (see 'ecs-bluegreen-operator embedded --help')");
  }

  @Test
  void everyCommandAnswersHelp() {
    for (var command : new String[] {"run", "embedded", "simulator", "version"}) {
      var err = new StringWriter();

      var code = OperatorCli.execute(new PrintWriter(err), command, "--help");

      assertThat(code).as(command).isZero();
      assertThat(err.toString()).as(command).isEmpty();
    }
  }

  @Test
  void reportsAnUnreachableKubernetesApiOnceOnOneLine() {
    var err = new StringWriter();
    var commandLine = new CommandLine(new OperatorCli()).setErr(new PrintWriter(err));

    var code =
        OperatorCli.reportFailure(
            new KubernetesClientException("connection refused"), commandLine, null);

    assertThat(code).isEqualTo(1);
    assertThat(err.toString().lines())
        .containsExactly("error: the Kubernetes API did not answer: connection refused");
  }
}
