package dev.ecsbluegreen.operator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints the operator's version. */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Prints the operator's version.")
final class VersionCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().getOut().println(version());
  }

  static String version() {
    var packaged = VersionCommand.class.getPackage().getImplementationVersion();
    return "ecs-bluegreen-operator " + (packaged == null ? "development build" : packaged);
  }

  /** Feeds --version. */
  static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {version()};
    }
  }
}
