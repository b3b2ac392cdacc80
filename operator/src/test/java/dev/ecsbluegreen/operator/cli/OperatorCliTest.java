package dev.ecsbluegreen.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OperatorCliTest {

  @Test
  void namesTheSimulatorAsTheSubcommandItIsCalledBy() {
    var err = new StringWriter();

    var code = OperatorCli.execute(new PrintWriter(err), "simulator", "--no-such-flag");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("Usage: ecs-bluegreen-operator simulator ")
        .doesNotContain("ecs-bluegreen-simulator");
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
