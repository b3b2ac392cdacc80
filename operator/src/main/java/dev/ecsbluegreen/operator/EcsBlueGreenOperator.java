package dev.ecsbluegreen.operator;

import dev.ecsbluegreen.operator.aws.AwsClientSettings;
import dev.ecsbluegreen.operator.aws.AwsSdkAccess;
import dev.ecsbluegreen.operator.config.OperatorConfig;
import dev.ecsbluegreen.operator.ha.LeaderElectionSettings;
import dev.ecsbluegreen.operator.observability.OperatorHttpServer;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
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
    var services =
        OperatorServices.start(
            OperatorHttpServer.portFromEnvironment(env),
            LeaderElectionSettings.fromEnvironment(
                env, LeaderElectionSettings.SERVICE_ACCOUNT_NAMESPACE));
    var client = new KubernetesClientBuilder().build();
    var aws = new AwsSdkAccess(settings, services.awsInterceptors());
    var running =
        OperatorRunner.start(config, client, aws, Clock.systemUTC(), services.runnerOptions());
    services.started(running);
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  services.stopping();
                  running.close();
                  aws.close();
                  client.close();
                  services.close();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
