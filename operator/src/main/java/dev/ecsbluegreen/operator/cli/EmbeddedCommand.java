package dev.ecsbluegreen.operator.cli;

import ch.qos.logback.classic.Level;
import dev.ecsbluegreen.operator.OperatorRunner;
import dev.ecsbluegreen.operator.aws.AwsClientSettings;
import dev.ecsbluegreen.operator.aws.AwsGuardSettings;
import dev.ecsbluegreen.operator.aws.AwsGuards;
import dev.ecsbluegreen.operator.aws.AwsSdkAccess;
import dev.ecsbluegreen.operator.cli.LogSetup.LogFormat;
import dev.ecsbluegreen.operator.config.OperatorConfig;
import dev.ecsbluegreen.operator.embedded.DemoSettings;
import dev.ecsbluegreen.operator.embedded.EmbeddedDemo;
import dev.ecsbluegreen.operator.embedded.OperatorLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The whole job without a cluster or an AWS account: embedded API, simulator, examples. */
@Command(
    name = "embedded",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the operator against an embedded Kubernetes API and the AWS simulator, applies the"
          + " example releases (or the manifests given) and shows them progressing live.",
      "Exits 0 when every release ends as its manifest expects with no failed request.",
      "With --keep-running --no-operator it runs no operator of its own: it prints the `run`"
          + " command to try against the embedded API and the simulator, and shows the releases"
          + " progressing under it."
    },
    sortOptions = false)
final class EmbeddedCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "MANIFEST",
      description = "Release manifests, files or folders. Default: the bundled examples.")
  List<Path> manifests = List.of();

  @Option(
      names = "--minute-ms",
      defaultValue = "1500",
      description = "Wall-clock milliseconds a simulated minute lasts. Default: ${DEFAULT-VALUE}.")
  double minuteMillis;

  @Option(
      names = "--timeout",
      defaultValue = "300",
      description =
          "Seconds the releases may take before the demo gives up. Default: ${DEFAULT-VALUE}.")
  long timeoutSeconds;

  @Option(
      names = "--keep-running",
      description = "Keep the API and the simulator up afterwards, and write a kubeconfig.")
  boolean keepRunning;

  @Option(
      names = "--no-operator",
      description =
          "Run no operator here: apply the releases, print the `run` command that points yours at"
              + " this API and the simulator, and show the releases progressing under it until"
              + " Ctrl-C. Needs --keep-running.")
  boolean noOperator;

  @Option(
      names = "--kubeconfig-out",
      defaultValue = "embedded.kubeconfig",
      description = "Where --keep-running writes the kubeconfig. Default: ${DEFAULT-VALUE}.")
  Path kubeconfig;

  @Option(names = "--api-port", defaultValue = "0", description = "Kubernetes API port (0: any).")
  int apiPort;

  @Option(names = "--aws-port", defaultValue = "0", description = "AWS endpoint port (0: any).")
  int awsPort;

  @Option(names = "--plain", description = "One line per change, even on a terminal.")
  boolean plain;

  @Option(names = "--verbose", description = "Show the operator's own log lines.")
  boolean verbose;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    refuseOptionsTheModeIgnores();
    if (!(minuteMillis >= 10)) {
      throw new BadOptionException("--minute-ms must be at least 10");
    }
    if (timeoutSeconds <= 0) {
      throw new BadOptionException("--timeout must be a positive number of seconds");
    }
    LogSetup.configure(LogFormat.text, verbose ? Level.INFO : Level.WARN);
    var settings =
        new DemoSettings(
            manifests,
            minuteMillis,
            Duration.ofSeconds(timeoutSeconds),
            keepRunning,
            !noOperator,
            kubeconfig,
            apiPort,
            awsPort,
            !plain && System.console() != null,
            Duration.ofMillis((long) (minuteMillis * 2)));
    return new EmbeddedDemo(settings, launcher(minuteMillis), System.out).run();
  }

  /**
   * Without an operator nothing ends or times out, so the demo must stay up and --timeout would be
   * silently ignored: both are usage errors.
   */
  private void refuseOptionsTheModeIgnores() {
    if (!noOperator) {
      return;
    }
    if (!keepRunning) {
      throw new ParameterException(
          spec.commandLine(),
          "--no-operator needs --keep-running: the API and the simulator must stay up for your"
              + " operator");
    }
    if (spec.commandLine().getParseResult().hasMatchedOption("--timeout")) {
      throw new ParameterException(
          spec.commandLine(),
          "--timeout does not apply with --no-operator: nothing waits for the releases to end");
    }
  }

  /**
   * The real operator, polling in step with simulated time: what takes minutes in AWS takes seconds
   * here, so the intervals shrink by the same factor, and it reads the simulator's clock so every
   * time on a status is simulated time.
   */
  static OperatorLauncher launcher(double minuteMillis) {
    return (kubernetes, awsEndpoint, awsClock) -> {
      var fast = Duration.ofMillis(Math.max(50, (long) (minuteMillis / 10)));
      var config =
          OperatorConfig.defaults()
              .withAwsEndpoint(awsEndpoint)
              .withPolls(fast, fast.multipliedBy(3), Duration.ofSeconds(5), Duration.ofMillis(20));
      var aws =
          new AwsSdkAccess(
              AwsClientSettings.defaults("us-east-1")
                  .withEndpointOverride(awsEndpoint)
                  .withCredentials(
                      StaticCredentialsProvider.create(
                          AwsBasicCredentials.create("embedded", "embedded"))),
              List.of(),
              AwsGuards.unmetered(AwsGuardSettings.simulated(), awsClock));
      var running = OperatorRunner.start(config, kubernetes, aws, awsClock);
      return () -> {
        running.close();
        aws.close();
      };
    };
  }
}
