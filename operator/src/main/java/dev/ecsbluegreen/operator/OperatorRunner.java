package dev.ecsbluegreen.operator;

import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.config.OperatorConfig;
import dev.ecsbluegreen.operator.observability.ReleaseMetrics;
import dev.ecsbluegreen.operator.reconciler.EcsBlueGreenReleaseReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the JOSDK operator for {@code EcsBlueGreenRelease} on a given Kubernetes client and AWS
 * access. Server-side apply is off for the primary resource everywhere, so production runs the same
 * code path the tests run against the mock API server. It need not be on for GitOps tools that
 * apply releases server-side: the status goes through the status subresource and the finalizer is a
 * patch, so the operator's field manager owns only the status and the finalizer, never a spec field
 * nor an annotation, and nothing conflicts with an Argo CD apply (GitOpsApplyE2E checks this on a
 * real API server). The caller owns the client and the AWS access; closing the returned handle
 * stops the operator only.
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
    return start(config, client, aws, clock, Options.NONE);
  }

  /**
   * What a production run adds to the bare operator: metrics and leader election.
   *
   * @param josdkMetrics JOSDK's reconcile metrics
   * @param releaseMetrics what passes report about releases
   * @param leaderElection null: this replica always reconciles
   */
  public record Options(
      Metrics josdkMetrics,
      ReleaseMetrics releaseMetrics,
      LeaderElectionConfiguration leaderElection) {
    public static final Options NONE = new Options(Metrics.NOOP, ReleaseMetrics.NONE, null);
  }

  public static Running start(
      OperatorConfig config, KubernetesClient client, AwsAccess aws, Clock clock, Options options) {
    var operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withUseSSAToPatchPrimaryResource(false)
                  .withCloseClientOnStop(false)
                  .withMetrics(options.josdkMetrics());
              if (options.leaderElection() != null) {
                o.withLeaderElectionConfiguration(options.leaderElection());
              }
            });
    var reconciler =
        new EcsBlueGreenReleaseReconciler(aws, config, clock, options.releaseMetrics(), client);
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
