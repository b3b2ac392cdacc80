package dev.ecsbluegreen.operator.cli;

import dev.ecsbluegreen.operator.embedded.ReleaseManifests.ManifestException;
import dev.ecsbluegreen.operator.errors.ReleaseException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The operator's command line: one jar for every mode. */
@Command(
    name = "ecs-bluegreen-operator",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Releases Amazon ECS services with AWS CodeDeploy blue/green deployments.",
    subcommands = {
      RunCommand.class,
      EmbeddedCommand.class,
      VersionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class OperatorCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code: 0 done, 1 failed, 2 wrong usage. */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.err, true), args);
  }

  static int execute(PrintWriter err, String... args) {
    var commandLine = new CommandLine(new OperatorCli());
    // The simulator's own name is its standalone one; here its usage must say "simulator".
    commandLine.addSubcommand(
        new CommandLine(new dev.ecsbluegreen.simulator.Main()).setCommandName("simulator"));
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(OperatorCli::reportFailure);
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Expected failures are one line for a person; anything else keeps its stack trace. */
  static int reportFailure(
      Exception failure, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (failure instanceof ManifestException
        || failure instanceof ReleaseException
        || failure instanceof IllegalArgumentException) {
      err.println(commandLine.getColorScheme().errorText("error: " + failure.getMessage()));
    } else if (failure instanceof KubernetesClientException kubernetes) {
      err.println(
          commandLine
              .getColorScheme()
              .errorText("error: the Kubernetes API did not answer: " + kubernetes.getMessage()));
    } else {
      failure.printStackTrace(err);
    }
    err.flush();
    return 1;
  }
}
