package dev.ecsbluegreen.operator.cli;

import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
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
  // Exit codes besides 0 (done); the README's table documents them.
  static final int FAILED = 1;
  static final int WRONG_USAGE = 2;

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
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setParameterExceptionHandler(OperatorCli::reportWrongUsage);
    commandLine.setExecutionExceptionHandler(OperatorCli::reportFailure);
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A wrong command line: one line naming the option and where the usage is, not the usage. */
  static int reportWrongUsage(CommandLine.ParameterException wrong, String[] args) {
    var commandLine = wrong.getCommandLine();
    return report(
        commandLine,
        wrong.getMessage() + " (see '" + commandLine.getCommandSpec().qualifiedName() + " --help')",
        WRONG_USAGE);
  }

  /**
   * A failed command: one line for a person; the stack trace follows only at --log-level=DEBUG, as
   * it helps whoever debugs the operator rather than whoever runs it.
   */
  static int reportFailure(
      Exception failure, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    if (failure instanceof BadOptionException) {
      return reportWrongUsage(
          new CommandLine.ParameterException(commandLine, failure.getMessage()), null);
    }
    var code = report(commandLine, FailureMessage.of(failure), FAILED);
    if (LoggerFactory.getLogger(OperatorCli.class).isDebugEnabled()) {
      failure.printStackTrace(commandLine.getErr());
      commandLine.getErr().flush();
    }
    return code;
  }

  private static int report(CommandLine commandLine, String message, int code) {
    PrintWriter err = commandLine.getErr();
    err.println(commandLine.getColorScheme().errorText("error: " + message));
    err.flush();
    return code;
  }
}
