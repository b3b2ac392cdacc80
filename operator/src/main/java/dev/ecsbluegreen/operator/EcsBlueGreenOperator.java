package dev.ecsbluegreen.operator;

import dev.ecsbluegreen.operator.aws.AwsClientSettings;
import dev.ecsbluegreen.operator.aws.AwsSdkAccess;
import dev.ecsbluegreen.operator.config.OperatorConfig;
import dev.ecsbluegreen.operator.ha.LeaderElectionSettings;
import dev.ecsbluegreen.operator.ha.Leadership;
import dev.ecsbluegreen.operator.observability.AwsCallMetrics;
import dev.ecsbluegreen.operator.observability.MicrometerReleaseMetrics;
import dev.ecsbluegreen.operator.observability.OperatorHealth;
import dev.ecsbluegreen.operator.observability.OperatorHttpServer;
import dev.ecsbluegreen.operator.observability.OperatorMetrics;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the operator against the current kubeconfig (or the in-cluster service account) and AWS's
 * default credentials chain, configured from environment variables (see {@link
 * OperatorConfig#fromEnvironment}, {@link OperatorHttpServer#portFromEnvironment} and {@link
 * LeaderElectionSettings#fromEnvironment}). A command line can build an {@link OperatorConfig} its
 * own way and call {@link OperatorRunner#start} instead.
 */
public final class EcsBlueGreenOperator {
  private EcsBlueGreenOperator() {}

  public static void main(String[] args) throws InterruptedException {
    var env = System.getenv();
    var config = OperatorConfig.fromEnvironment(env);
    var settings = AwsClientSettings.defaults(config.region());
    if (config.awsEndpoint() != null) {
      settings = settings.withEndpointOverride(config.awsEndpoint());
    }
    var metrics = new OperatorMetrics();
    var health = new OperatorHealth();
    // Probes answer from the start: /readyz says "not started" until the operator is.
    var http =
        OperatorHttpServer.start(OperatorHttpServer.portFromEnvironment(env), health, metrics);
    var election =
        LeaderElectionSettings.fromEnvironment(
            env, LeaderElectionSettings.SERVICE_ACCOUNT_NAMESPACE);
    var leadership = Leadership.exitingOnLoss();
    metrics.registerLeader(() -> election.isEmpty() || leadership.isLeader());
    var client = new KubernetesClientBuilder().build();
    var aws = new AwsSdkAccess(settings, List.of(new AwsCallMetrics(metrics.registry())));
    var options =
        new OperatorRunner.Options(
            metrics.josdkMetrics(),
            new MicrometerReleaseMetrics(metrics.registry()),
            election.map(e -> e.toConfiguration(leadership.callbacks())).orElse(null));
    var running = OperatorRunner.start(config, client, aws, Clock.systemUTC(), options);
    health.started(running.operator().getRuntimeInfo());
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  health.stopping();
                  leadership.stopping();
                  running.close();
                  aws.close();
                  client.close();
                  http.close();
                  metrics.close();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
