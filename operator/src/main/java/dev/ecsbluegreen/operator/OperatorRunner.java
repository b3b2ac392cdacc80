package dev.ecsbluegreen.operator;

import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.config.OperatorConfig;
import dev.ecsbluegreen.operator.reconciler.EcsBlueGreenReleaseReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the JOSDK operator for {@code EcsBlueGreenRelease} on a given Kubernetes client and AWS
 * access. Server-side apply is off for the primary resource everywhere, so production runs the same
 * code path the tests run against the mock API server. The caller owns the client and the AWS
 * access; closing the returned handle stops the operator only.
 */
public final class OperatorRunner {
  private static final Logger log = LoggerFactory.getLogger(OperatorRunner.class);

  private OperatorRunner() {}

  /** A running operator; {@link #close()} stops it. */
  public static final class Running implements AutoCloseable {
    private final Operator operator;

    private Running(Operator operator) {
      this.operator = operator;
    }

    public Operator operator() {
      return operator;
    }

    @Override
    public void close() {
      operator.stop();
    }
  }

  public static Running start(OperatorConfig config, KubernetesClient client, AwsAccess aws) {
    return start(config, client, aws, Clock.systemUTC());
  }

  public static Running start(
      OperatorConfig config, KubernetesClient client, AwsAccess aws, Clock clock) {
    var operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withCloseClientOnStop(false));
    var reconciler = new EcsBlueGreenReleaseReconciler(aws, config, clock);
    operator.register(
        reconciler,
        override -> {
          if (!config.watchesAllNamespaces()) {
            override.settingNamespaces(config.namespaces());
          }
        });
    operator.start();
    log.info(
        "Started the operator watching {}",
        config.watchesAllNamespaces() ? "all namespaces" : config.namespaces());
    return new Running(operator);
  }
}
