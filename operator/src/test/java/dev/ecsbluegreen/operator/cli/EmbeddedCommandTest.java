package dev.ecsbluegreen.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The embedded command's usage rules, checked before it starts anything. */
class EmbeddedCommandTest {

  @Test
  void refusesNoOperatorWithoutKeepRunningAsAUsageError() {
    var err = new StringWriter();

    var code = OperatorCli.execute(new PrintWriter(err), "embedded", "--no-operator");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().lines().findFirst())
        .hasValueSatisfying(
            line ->
                assertThat(line)
                    .contains(
                        "--no-operator needs --keep-running: the API and the simulator must stay"
                            + " up for your operator"));
  }

  @Test
  void refusesATimeoutNoOperatorWouldIgnore() {
    var err = new StringWriter();

    var code =
        OperatorCli.execute(
            new PrintWriter(err), "embedded", "--keep-running", "--no-operator", "--timeout", "60");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().lines().findFirst())
        .hasValueSatisfying(
            line ->
                assertThat(line)
                    .contains(
                        "--timeout does not apply with --no-operator: nothing waits for the"
                            + " releases to end"));
  }

  @Test
  void helpNamesTheOptionAndWhatItNeeds() {
    var out = new StringWriter();
    var commandLine = new picocli.CommandLine(new EmbeddedCommand());
    commandLine.setOut(new PrintWriter(out));

    commandLine.execute("--help");

    // Help wraps its lines at 80 columns.
    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains("--no-operator Run no operator here")
        .contains("Needs --keep-running.");
  }
}
