package dev.ecsbluegreen.operator;

import dev.ecsbluegreen.operator.aws.AwsClientSettings;
import dev.ecsbluegreen.operator.aws.AwsSdkAccess;
import dev.ecsbluegreen.operator.config.OperatorConfig;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the operator against the current kubeconfig (or the in-cluster service account) and AWS's
 * default credentials chain, configured from environment variables (see {@link
 * OperatorConfig#fromEnvironment}). A command line can build an {@link OperatorConfig} its own way
 * and call {@link OperatorRunner#start} instead.
 */
public final class EcsBlueGreenOperator {
  private EcsBlueGreenOperator() {}

  public static void main(String[] args) throws InterruptedException {
    var config = OperatorConfig.fromEnvironment(System.getenv());
    var settings = AwsClientSettings.defaults(config.region());
    if (config.awsEndpoint() != null) {
      settings = settings.withEndpointOverride(config.awsEndpoint());
    }
    var client = new KubernetesClientBuilder().build();
    var aws = new AwsSdkAccess(settings);
    var running = OperatorRunner.start(config, client, aws);
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.close();
                  aws.close();
                  client.close();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
