package dev.ecsbluegreen.operator.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * How {@link AwsSdkAccess} builds its SDK clients.
 *
 * @param defaultRegion region for releases that name none; null: the SDK's region chain
 *     (AWS_REGION, profile, instance metadata)
 * @param endpointOverride one endpoint for CodeDeploy, ECS and STS alike (the simulator); null for
 *     AWS's own endpoints
 * @param credentials the operator's own credentials; null: the SDK's default chain (environment,
 *     web identity / IRSA, EKS Pod Identity and container credentials, profiles, instance profile)
 * @param maxAttempts attempts per API call, first one included, under the SDK's standard retry
 *     strategy (throttling and 5xx back off exponentially with jitter); RegisterTaskDefinition and
 *     CreateDeployment always get one attempt, because a lost answer may hide an applied call
 * @param apiCallTimeout bound on one API call including all its retries
 * @param apiCallAttemptTimeout bound on one HTTP attempt
 * @param connectTimeout TCP connect timeout
 * @param socketTimeout read timeout on an open connection
 */
public record AwsClientSettings(
    String defaultRegion,
    URI endpointOverride,
    AwsCredentialsProvider credentials,
    int maxAttempts,
    Duration apiCallTimeout,
    Duration apiCallAttemptTimeout,
    Duration connectTimeout,
    Duration socketTimeout) {

  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  /** Production defaults: AWS endpoints, the default credentials chain. */
  public static AwsClientSettings defaults(String defaultRegion) {
    return new AwsClientSettings(
        defaultRegion,
        null,
        null,
        DEFAULT_MAX_ATTEMPTS,
        Duration.ofSeconds(45),
        Duration.ofSeconds(15),
        Duration.ofSeconds(3),
        Duration.ofSeconds(15));
  }

  public AwsClientSettings withEndpointOverride(URI endpoint) {
    return new AwsClientSettings(
        defaultRegion,
        endpoint,
        credentials,
        maxAttempts,
        apiCallTimeout,
        apiCallAttemptTimeout,
        connectTimeout,
        socketTimeout);
  }

  public AwsClientSettings withCredentials(AwsCredentialsProvider provider) {
    return new AwsClientSettings(
        defaultRegion,
        endpointOverride,
        provider,
        maxAttempts,
        apiCallTimeout,
        apiCallAttemptTimeout,
        connectTimeout,
        socketTimeout);
  }

  public AwsClientSettings withMaxAttempts(int attempts) {
    return new AwsClientSettings(
        defaultRegion,
        endpointOverride,
        credentials,
        attempts,
        apiCallTimeout,
        apiCallAttemptTimeout,
        connectTimeout,
        socketTimeout);
  }
}
