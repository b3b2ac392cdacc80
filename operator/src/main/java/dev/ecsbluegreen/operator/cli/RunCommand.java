package dev.ecsbluegreen.operator.cli;

import dev.ecsbluegreen.operator.OperatorRunner;
import dev.ecsbluegreen.operator.OperatorServices;
import dev.ecsbluegreen.operator.aws.AwsClientSettings;
import dev.ecsbluegreen.operator.aws.AwsGuardSettings;
import dev.ecsbluegreen.operator.aws.AwsSdkAccess;
import dev.ecsbluegreen.operator.cli.LogSetup.LogFormat;
import dev.ecsbluegreen.operator.cli.LogSetup.LogLevel;
import dev.ecsbluegreen.operator.config.EventsSettings;
import dev.ecsbluegreen.operator.config.OperatorConfig;
import dev.ecsbluegreen.operator.ha.LeaderElectionSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the operator against a real cluster: the current kubeconfig (or the pod's service account)
 * and AWS's default credentials chain. Every option also reads an environment variable, which is
 * how the Helm chart configures it.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Runs the operator against the current kubeconfig or in-cluster.",
    sortOptions = false)
final class RunCommand implements Callable<Integer> {
  @Option(
      names = {"-n", "--namespace"},
      split = ",",
      defaultValue = "${env:OPERATOR_NAMESPACES}",
      description =
          "Namespaces to watch (repeat or comma-separate). Default: all. Env: OPERATOR_NAMESPACES.")
  List<String> namespaces;

  @Option(
      names = "--region",
      defaultValue = "${env:AWS_REGION}",
      description = "Default AWS region for releases that name none. Env: AWS_REGION.")
  String region;

  @Option(
      names = "--aws-endpoint",
      defaultValue = "${env:OPERATOR_AWS_ENDPOINT}",
      description =
          "One endpoint for CodeDeploy, ECS and STS, e.g. the simulator's"
              + " http://127.0.0.1:4566. Env: OPERATOR_AWS_ENDPOINT.")
  URI awsEndpoint;

  @Option(
      names = "--kubeconfig",
      description = "Kubeconfig file. Default: $KUBECONFIG, ~/.kube/config, or in-cluster.")
  Path kubeconfig;

  @Option(
      names = "--poll-active",
      defaultValue = "${env:OPERATOR_POLL_ACTIVE_SECONDS:-5}",
      description =
          "Seconds between looks at a deployment while green installs or traffic moves."
              + " Env: OPERATOR_POLL_ACTIVE_SECONDS. Default: ${DEFAULT-VALUE}.")
  long pollActiveSeconds;

  @Option(
      names = "--poll-idle",
      defaultValue = "${env:OPERATOR_POLL_IDLE_SECONDS:-30}",
      description =
          "Longest seconds between looks while baking, awaiting promotion, between traffic"
              + " steps or waiting for a busy group (a scheduled transition is looked at when due)."
              + " Env: OPERATOR_POLL_IDLE_SECONDS. Default: ${DEFAULT-VALUE}.")
  long pollIdleSeconds;

  @Option(
      names = "--poll-stalled",
      defaultValue = "${env:OPERATOR_POLL_STALLED_SECONDS:-180}",
      description =
          "Seconds between retries of a misconfigured release, so it costs AWS few calls."
              + " Env: OPERATOR_POLL_STALLED_SECONDS. Default: ${DEFAULT-VALUE}.")
  long pollStalledSeconds;

  @Option(
      names = "--events-queue-url",
      defaultValue = "${env:OPERATOR_EVENTS_QUEUE_URL}",
      description =
          "SQS queue an EventBridge rule fills with CodeDeploy's deployment state changes, e.g."
              + " https://sqs.us-east-1.amazonaws.com/123456789012/ecs-bluegreen-events. A release"
              + " is looked at as soon as its deployment changes state, and polled only as a"
              + " safety net while events arrive. Default: none, polling alone."
              + " Env: OPERATOR_EVENTS_QUEUE_URL.")
  String eventsQueueUrl;

  @Option(
      names = "--poll-with-events",
      defaultValue = "${env:OPERATOR_POLL_WITH_EVENTS_SECONDS:-120}",
      description =
          "Longest seconds between looks at a release whose deployment's events arrive, when no"
              + " transition is predicted. Env: OPERATOR_POLL_WITH_EVENTS_SECONDS."
              + " Default: ${DEFAULT-VALUE}.")
  long pollWithEventsSeconds;

  @Option(
      names = "--events-quiet-after",
      defaultValue = "${env:OPERATOR_EVENTS_QUIET_AFTER_SECONDS:-120}",
      description =
          "Seconds a running deployment may go without any event before the queue counts as quiet"
              + " for it: a Warning Event EventsQuiet on the release, and polling at the normal"
              + " pace. Env: OPERATOR_EVENTS_QUIET_AFTER_SECONDS. Default: ${DEFAULT-VALUE}.")
  long eventsQuietAfterSeconds;

  @Option(
      names = "--aws-ecs-calls-per-second",
      defaultValue = "${env:OPERATOR_AWS_ECS_CALLS_PER_SECOND:-20}",
      description =
          "ECS calls a second the operator makes at most to one account and region; more wait"
              + " inside the operator instead of being throttled by AWS."
              + " Env: OPERATOR_AWS_ECS_CALLS_PER_SECOND. Default: ${DEFAULT-VALUE}.")
  int ecsCallsPerSecond;

  @Option(
      names = "--aws-codedeploy-calls-per-second",
      defaultValue = "${env:OPERATOR_AWS_CODEDEPLOY_CALLS_PER_SECOND:-10}",
      description =
          "The same for CodeDeploy, which publishes no rates."
              + " Env: OPERATOR_AWS_CODEDEPLOY_CALLS_PER_SECOND. Default: ${DEFAULT-VALUE}.")
  int codeDeployCallsPerSecond;

  @Option(
      names = "--aws-cloudwatch-calls-per-second",
      defaultValue = "${env:OPERATOR_AWS_CLOUDWATCH_CALLS_PER_SECOND:-25}",
      description =
          "The same for CloudWatch, which cloudWatch analysis checks read (GetMetricData allows"
              + " 50 by default). Env: OPERATOR_AWS_CLOUDWATCH_CALLS_PER_SECOND."
              + " Default: ${DEFAULT-VALUE}.")
  int cloudWatchCallsPerSecond;

  @Option(
      names = "--aws-outage-failures",
      defaultValue = "${env:OPERATOR_AWS_OUTAGE_FAILURES:-5}",
      description =
          "Failed calls in a row (no answer, 5xx, throttled past retries) after which an account"
              + " and region counts as down: calls to it fail fast and it is only probed."
              + " Env: OPERATOR_AWS_OUTAGE_FAILURES. Default: ${DEFAULT-VALUE}.")
  int outageFailures;

  @Option(
      names = "--aws-outage-probe",
      defaultValue = "${env:OPERATOR_AWS_OUTAGE_PROBE_SECONDS:-30}",
      description =
          "Seconds between probes of an account and region that is down."
              + " Env: OPERATOR_AWS_OUTAGE_PROBE_SECONDS. Default: ${DEFAULT-VALUE}.")
  long outageProbeSeconds;

  @Option(
      names = "--http-port",
      defaultValue = "${env:OPERATOR_HTTP_PORT:-8080}",
      description =
          "Port serving /healthz, /readyz and /metrics; 0 picks a free one."
              + " Env: OPERATOR_HTTP_PORT. Default: ${DEFAULT-VALUE}.")
  int httpPort;

  @Option(
      names = "--leader-election",
      defaultValue = "${env:OPERATOR_LEADER_ELECTION}",
      description =
          "Name of the Lease to elect a leader with, in the pod's namespace (POD_NAMESPACE or the"
              + " service account's); only the leader reconciles. Default: none, this replica"
              + " always reconciles. Env: OPERATOR_LEADER_ELECTION.")
  String leaseName;

  @Option(
      names = "--log-format",
      defaultValue = "${env:OPERATOR_LOG_FORMAT:-text}",
      description = "text or json. Env: OPERATOR_LOG_FORMAT. Default: ${DEFAULT-VALUE}.")
  LogFormat logFormat;

  @Option(
      names = "--log-level",
      defaultValue = "${env:OPERATOR_LOG_LEVEL:-INFO}",
      description =
          "${COMPLETION-CANDIDATES}; DEBUG also prints a failure's stack trace."
              + " Env: OPERATOR_LOG_LEVEL. Default: ${DEFAULT-VALUE}.")
  LogLevel logLevel;

  @Override
  public Integer call() throws InterruptedException, IOException {
    LogSetup.configure(logFormat, logLevel.level());
    var operator = start();
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  operator.close();
                  stopped.countDown();
                },
                "shutdown"));
    stopped.await();
    return 0;
  }

  /** Starts the operator as configured; closing the handle stops it and releases its clients. */
  Started start() throws IOException, InterruptedException {
    var config = config();
    var guards = guards();
    if (httpPort < 0 || httpPort > 65535) {
      throw new BadOptionException("--http-port must be a port number from 0 to 65535");
    }
    // Resolved before anything listens, so a missing kubeconfig fails at once.
    var kubernetesConfig = KubernetesConnection.config(kubeconfig, System.getenv());
    var election =
        LeaderElectionSettings.forLease(
            leaseName, System.getenv(), LeaderElectionSettings.SERVICE_ACCOUNT_NAMESPACE);
    // Probes answer from here on: /readyz says "not started" until the operator is.
    var services = OperatorServices.start(httpPort, election);
    KubernetesClient client = null;
    AwsSdkAccess aws = null;
    try {
      client = new KubernetesClientBuilder().withConfig(kubernetesConfig).build();
      KubernetesConnection.requireAnswer(client);
      services.followLease(client);
      aws =
          new AwsSdkAccess(
              awsSettings(config), services.awsInterceptors(), services.awsGuards(guards));
      var running =
          OperatorRunner.start(config, client, aws, Clock.systemUTC(), services.runnerOptions());
      services.started(running);
      var ownedClient = client;
      var ownedAws = aws;
      return new Started(
          services.httpPort(),
          () -> {
            services.stopping();
            running.close();
            ownedAws.close();
            ownedClient.close();
            services.close();
          });
    } catch (RuntimeException e) {
      if (aws != null) {
        aws.close();
      }
      if (client != null) {
        client.close();
      }
      services.close();
      throw e;
    }
  }

  OperatorConfig config() {
    positive("--poll-active", pollActiveSeconds);
    positive("--poll-idle", pollIdleSeconds);
    positive("--poll-stalled", pollStalledSeconds);
    positive("--poll-with-events", pollWithEventsSeconds);
    positive("--events-quiet-after", eventsQuietAfterSeconds);
    var defaults = OperatorConfig.defaults();
    return new OperatorConfig(
        namespaces == null
            ? Set.of()
            : Set.copyOf(
                namespaces.stream().map(String::trim).filter(name -> !name.isEmpty()).toList()),
        region == null || region.isBlank() ? null : region,
        awsEndpoint,
        Duration.ofSeconds(pollActiveSeconds),
        Duration.ofSeconds(pollIdleSeconds),
        Duration.ofSeconds(pollStalledSeconds),
        defaults.stepDelay(),
        new EventsSettings(
            queueUrl(eventsQueueUrl),
            Duration.ofSeconds(pollWithEventsSeconds),
            Duration.ofSeconds(eventsQuietAfterSeconds)));
  }

  /** The queue URL as SQS hands it out: http(s), a host, and /<account>/<queue name>. */
  static URI queueUrl(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    URI url;
    try {
      url = URI.create(text.trim());
    } catch (IllegalArgumentException e) {
      throw new BadOptionException("--events-queue-url is not a URL: " + text);
    }
    boolean web = "https".equals(url.getScheme()) || "http".equals(url.getScheme());
    if (!web
        || url.getHost() == null
        || url.getPath() == null
        || !url.getPath().matches("/\\d{12}/[A-Za-z0-9_-]{1,80}(\\.fifo)?/?")) {
      throw new BadOptionException(
          "--events-queue-url must be an SQS queue URL like"
              + " https://sqs.us-east-1.amazonaws.com/123456789012/ecs-bluegreen-events, not "
              + text);
    }
    return url;
  }

  AwsGuardSettings guards() {
    positive("--aws-ecs-calls-per-second", ecsCallsPerSecond, "number of calls");
    positive("--aws-codedeploy-calls-per-second", codeDeployCallsPerSecond, "number of calls");
    positive("--aws-cloudwatch-calls-per-second", cloudWatchCallsPerSecond, "number of calls");
    positive("--aws-outage-failures", outageFailures, "number of calls");
    positive("--aws-outage-probe", outageProbeSeconds);
    return AwsGuardSettings.defaults()
        .withBudget(ecsCallsPerSecond, codeDeployCallsPerSecond)
        .withCloudWatchBudget(cloudWatchCallsPerSecond)
        .withBreaker(outageFailures, Duration.ofSeconds(outageProbeSeconds));
  }

  /** A started operator with the clients it owns; {@code httpPort} serves its probes. */
  record Started(int httpPort, Runnable stop) implements AutoCloseable {
    @Override
    public void close() {
      stop.run();
    }
  }

  private static AwsClientSettings awsSettings(OperatorConfig config) {
    var settings = AwsClientSettings.defaults(config.region());
    return config.awsEndpoint() == null
        ? settings
        : settings.withEndpointOverride(config.awsEndpoint());
  }

  private static void positive(String option, long seconds) {
    positive(option, seconds, "number of seconds");
  }

  private static void positive(String option, long value, String what) {
    if (value <= 0) {
      throw new BadOptionException(option + " must be a positive " + what);
    }
  }
}
