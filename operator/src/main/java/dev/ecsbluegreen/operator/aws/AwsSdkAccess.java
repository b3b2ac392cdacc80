package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.api.v1alpha1.AwsTarget;
import dev.ecsbluegreen.operator.errors.AwsAccessException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * {@link AwsAccess} on the AWS SDK v2. One set of clients per region, and per assumed role and
 * release session; all of them share one HTTP client, and the clients of one region and role share
 * its circuit breaker and request budgets ({@link AwsGuards}). A {@code spec.aws.roleArn} is
 * assumed through STS with a session name that names the release, so CloudTrail shows which release
 * made a call.
 */
public final class AwsSdkAccess implements AwsAccess {

  private static final Logger log = LoggerFactory.getLogger(AwsSdkAccess.class);
  private static final String OPERATOR_SESSION = "ecs-bluegreen-operator";

  private final AwsClientSettings settings;
  private final AwsCredentialsProvider baseCredentials;
  private final boolean ownsBaseCredentials;
  private final SdkHttpClient http;
  private final AwsGuards guards;
  private final Map<Key, ClientSet> clients = new ConcurrentHashMap<>();
  private final ClientOverrideConfiguration overrides;
  private final ClientOverrideConfiguration singleAttempt;
  private volatile boolean closed;
  private volatile String chainRegion;

  private record Key(String region, String roleArn, String externalId, String sessionName) {}

  private record ClientSet(Gateways gateways, List<SdkAutoCloseable> closeables) {}

  public AwsSdkAccess(AwsClientSettings settings) {
    this(settings, List.of());
  }

  /** With the default breaker and budgets on the system clock. */
  public AwsSdkAccess(AwsClientSettings settings, List<ExecutionInterceptor> interceptors) {
    this(
        settings,
        interceptors,
        AwsGuards.unmetered(AwsGuardSettings.defaults(), Clock.systemUTC()));
  }

  /**
   * @param interceptors registered on every client built here (CodeDeploy, ECS and STS, for every
   *     region and role), e.g. the AWS call metrics
   * @param guards the breaker and budgets of each region and role, for the CodeDeploy, ECS and
   *     CloudWatch clients; STS is left out, since its calls happen inside a guarded call's
   *     credentials lookup
   */
  public AwsSdkAccess(
      AwsClientSettings settings, List<ExecutionInterceptor> interceptors, AwsGuards guards) {
    this.settings = settings;
    this.guards = guards;
    this.ownsBaseCredentials = settings.credentials() == null;
    this.baseCredentials =
        ownsBaseCredentials ? DefaultCredentialsProvider.builder().build() : settings.credentials();
    this.http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(settings.connectTimeout())
            .socketTimeout(settings.socketTimeout())
            .build();
    // Standard mode: exponential backoff with full jitter, a longer base delay for throttling
    // errors, and a retry quota that stops retry storms when AWS is degraded. Adaptive mode would
    // add client-side rate limiting that makes a call wait before its first attempt, which would
    // stall reconciles of releases sharing a client; the reconciler backs off on its own instead.
    this.overrides =
        ClientOverrideConfiguration.builder()
            .retryStrategy(
                AwsRetryStrategy.standardRetryStrategy().toBuilder()
                    .maxAttempts(settings.maxAttempts())
                    .build())
            .apiCallTimeout(settings.apiCallTimeout())
            .apiCallAttemptTimeout(settings.apiCallAttemptTimeout())
            .executionInterceptors(List.copyOf(interceptors))
            .build();
    // Calls that create something AWS cannot deduplicate (RegisterTaskDefinition,
    // CreateDeployment, UpdateService) are retried only when AWS refused them for rate: a
    // throttled call was never applied. Any other failure may come after AWS applied the call, and
    // a retry would create a second revision or deployment, so it goes back to the reconciler,
    // whose next pass looks for what the first attempt made before creating anything.
    this.singleAttempt =
        overrides.toBuilder()
            .retryStrategy(
                DefaultRetryStrategy.standardStrategyBuilder()
                    .useClientDefaults(false)
                    .maxAttempts(settings.maxAttempts())
                    .retryOnException(AwsSdkAccess::refusedForRate)
                    .treatAsThrottling(AwsSdkAccess::refusedForRate)
                    .build())
            .build();
  }

  private static boolean refusedForRate(Throwable failure) {
    return failure instanceof AwsServiceException e && e.isThrottlingException();
  }

  @Override
  public Gateways forTarget(AwsTarget target) {
    return gateways(target, OPERATOR_SESSION);
  }

  @Override
  public Gateways forRelease(AwsTarget target, String namespace, String name) {
    return gateways(target, sessionName(namespace, name));
  }

  private Gateways gateways(AwsTarget target, String sessionName) {
    if (closed) {
      throw new IllegalStateException("AwsSdkAccess is closed");
    }
    String region = target != null && target.region() != null ? target.region() : defaultRegion();
    String roleArn = target == null ? null : target.roleArn();
    String externalId = roleArn == null ? null : target.externalId();
    var key = new Key(region, roleArn, externalId, roleArn == null ? null : sessionName);
    return clients.computeIfAbsent(key, this::build).gateways();
  }

  private String defaultRegion() {
    if (settings.defaultRegion() != null) {
      return settings.defaultRegion();
    }
    // The SDK's chain reads the environment, profile files and possibly instance metadata; every
    // pass asks for gateways, so resolve it once (a race only resolves it twice).
    String region = chainRegion;
    if (region == null) {
      region = DefaultAwsRegionProviderChain.builder().build().getRegion().id();
      chainRegion = region;
    }
    return region;
  }

  private ClientSet build(Key key) {
    List<SdkAutoCloseable> closeables = new ArrayList<>();
    AwsCredentialsProvider credentials = baseCredentials;
    if (key.roleArn() != null) {
      StsClient sts =
          configure(StsClient.builder(), key.region(), baseCredentials, overrides).build();
      var assumeRole =
          StsAssumeRoleCredentialsProvider.builder()
              .stsClient(sts)
              .asyncCredentialUpdateEnabled(false)
              .refreshRequest(
                  r -> {
                    r.roleArn(key.roleArn()).roleSessionName(key.sessionName());
                    if (key.externalId() != null) {
                      r.externalId(key.externalId());
                    }
                  })
              .build();
      closeables.add(assumeRole);
      closeables.add(sts);
      credentials = new RoleCredentials(assumeRole, key.roleArn());
    }
    var guard = guards.forTarget(key.region(), key.roleArn());
    CodeDeployClient codeDeploy =
        configure(
                CodeDeployClient.builder(),
                key.region(),
                credentials,
                guarded(overrides, guard.codeDeploy()))
            .build();
    CodeDeployClient codeDeployOnce =
        configure(
                CodeDeployClient.builder(),
                key.region(),
                credentials,
                guarded(singleAttempt, guard.codeDeploy()))
            .build();
    EcsClient ecs =
        configure(EcsClient.builder(), key.region(), credentials, guarded(overrides, guard.ecs()))
            .build();
    EcsClient ecsOnce =
        configure(
                EcsClient.builder(), key.region(), credentials, guarded(singleAttempt, guard.ecs()))
            .build();
    // Reads only, so the SDK may retry every failure.
    CloudWatchClient cloudWatch =
        configure(
                CloudWatchClient.builder(),
                key.region(),
                credentials,
                guarded(overrides, guard.cloudWatch()))
            .build();
    ElasticLoadBalancingV2Client elb =
        configure(
                ElasticLoadBalancingV2Client.builder(),
                key.region(),
                credentials,
                guarded(overrides, guard.elb()))
            .build();
    closeables.addAll(0, List.of(ecs, ecsOnce, codeDeploy, codeDeployOnce, cloudWatch, elb));
    log.info(
        "Created AWS clients for region {}{}",
        key.region(),
        key.roleArn() == null ? "" : " with role " + key.roleArn());
    return new ClientSet(
        new Gateways(
            new AwsEcsGateway(ecs, ecsOnce),
            new AwsCodeDeployGateway(codeDeploy, codeDeployOnce),
            new AwsDeploymentGroupGateway(codeDeploy),
            new AwsServiceDeploymentGateway(ecs, ecsOnce),
            new AwsMetricsGateway(cloudWatch),
            new AwsLoadBalancerGateway(elb)),
        closeables);
  }

  private static ClientOverrideConfiguration guarded(
      ClientOverrideConfiguration configuration, ExecutionInterceptor guard) {
    return configuration.toBuilder().addExecutionInterceptor(guard).build();
  }

  private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
      B builder,
      String region,
      AwsCredentialsProvider credentials,
      ClientOverrideConfiguration configuration) {
    builder
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .httpClient(http)
        .overrideConfiguration(configuration);
    if (settings.endpointOverride() != null) {
      builder.endpointOverride(settings.endpointOverride());
    }
    return builder;
  }

  /**
   * An STS role session name for a release: {@code ecs-bluegreen-<namespace>-<name>}, limited to
   * STS's 2-64 characters of {@code [\w+=,.@-]}; a long name is cut and given a short hash so
   * distinct releases keep distinct sessions.
   */
  static String sessionName(String namespace, String name) {
    String raw = "ecs-bluegreen-" + namespace + "-" + name;
    String clean = raw.replaceAll("[^\\w+=,.@-]", "-");
    if (clean.length() <= 64) {
      return clean;
    }
    String hash = AppSpecRenderer.sha256(raw).substring(0, 8);
    return clean.substring(0, 55) + "-" + hash;
  }

  /**
   * A client of its own for the queue: a long poll holds its connection for 20 s, longer than the
   * read and attempt timeouts the CodeDeploy and ECS clients use.
   */
  @Override
  public EventsQueue eventsQueue(URI queueUrl) {
    String region = SqsEventsQueue.regionOf(queueUrl);
    Duration wait = SqsEventsQueue.LONG_POLL.plusSeconds(10);
    var http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(settings.connectTimeout())
            .socketTimeout(wait)
            .build();
    var configuration =
        overrides.toBuilder()
            .apiCallAttemptTimeout(wait)
            .apiCallTimeout(wait.plus(settings.apiCallTimeout()))
            .build();
    var builder =
        SqsClient.builder()
            .region(Region.of(region != null ? region : defaultRegion()))
            .credentialsProvider(baseCredentials)
            .httpClient(http)
            .overrideConfiguration(configuration);
    if (settings.endpointOverride() != null) {
      builder.endpointOverride(settings.endpointOverride());
    }
    return new SqsEventsQueue(builder.build(), http, queueUrl.toString());
  }

  @Override
  public void close() {
    closed = true;
    for (ClientSet set : clients.values()) {
      for (SdkAutoCloseable closeable : set.closeables()) {
        closeQuietly(closeable);
      }
    }
    clients.clear();
    closeQuietly(http);
    if (ownsBaseCredentials && baseCredentials instanceof SdkAutoCloseable closeable) {
      closeQuietly(closeable);
    }
  }

  private static void closeQuietly(SdkAutoCloseable closeable) {
    try {
      closeable.close();
    } catch (RuntimeException e) {
      log.warn("Failed to close an AWS client", e);
    }
  }

  /** Assumed-role credentials whose failures name the role and keep STS's error code. */
  private static final class RoleCredentials implements AwsCredentialsProvider {
    private final AwsCredentialsProvider delegate;
    private final String roleArn;

    RoleCredentials(AwsCredentialsProvider delegate, String roleArn) {
      this.delegate = delegate;
      this.roleArn = roleArn;
    }

    @Override
    public AwsCredentials resolveCredentials() {
      try {
        return delegate.resolveCredentials();
      } catch (RuntimeException e) {
        var classified = AwsErrors.classify(e, "sts:AssumeRole", "IAM role " + roleArn);
        if (classified instanceof AwsAccessException) {
          throw new AwsAccessException(
              "Could not assume IAM role %s (%s): %s"
                      .formatted(roleArn, classified.awsErrorCode(), rootMessage(e))
                  + ". Check the role's trust policy and external ID, and the operator's"
                  + " sts:AssumeRole permission.",
              classified.awsErrorCode(),
              e);
        }
        throw classified;
      }
    }

    private static String rootMessage(Throwable e) {
      if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException s
          && s.awsErrorDetails() != null) {
        return s.awsErrorDetails().errorMessage();
      }
      return e.getMessage();
    }
  }
}
