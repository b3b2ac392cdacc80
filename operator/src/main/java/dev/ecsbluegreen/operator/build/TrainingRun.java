package dev.ecsbluegreen.operator.build;

import dev.ecsbluegreen.operator.OperatorServices;
import dev.ecsbluegreen.operator.cli.OperatorCli;
import java.util.Optional;

/**
 * The class-data-sharing training run's main class: the operator's command line as {@code java
 * -jar} runs it, after starting and closing what {@code run} starts first and {@code embedded}
 * never does (the metrics registry, the probes' HTTP server), so the archive covers those classes
 * too. They are loaded before the operator's first status write on every start of {@code run}.
 */
public final class TrainingRun {
  private TrainingRun() {}

  public static void main(String[] args) {
    try (var services = OperatorServices.start(0, Optional.empty())) {
      services.awsInterceptors();
    }
    System.exit(OperatorCli.execute(args));
  }
}
