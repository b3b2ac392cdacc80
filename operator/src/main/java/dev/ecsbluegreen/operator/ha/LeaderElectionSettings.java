package dev.ecsbluegreen.operator.ha;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Leader election over a {@code coordination.k8s.io/v1} Lease in the operator's own namespace.
 *
 * <p>The leader renews the Lease every {@code retryPeriod}; if it cannot renew within {@code
 * renewDeadline} it gives up leading. A standby tries to acquire the Lease every {@code
 * retryPeriod} and succeeds once {@code leaseDuration} has passed since the last renewal. JOSDK
 * does not release the Lease when a leader stops, so a takeover after a crash and after a graceful
 * stop alike takes at most {@code leaseDuration + retryPeriod}: 17 s with the defaults (JOSDK's and
 * client-go's 15 s / 10 s / 2 s).
 *
 * @param identity the holder's name in the Lease: the pod name, so {@code kubectl get lease} says
 *     which pod leads
 */
public record LeaderElectionSettings(
    String leaseName,
    String leaseNamespace,
    String identity,
    Duration leaseDuration,
    Duration renewDeadline,
    Duration retryPeriod) {

  /** The Lease namespace, if given (e.g. through the downward API). */
  public static final String POD_NAMESPACE = "POD_NAMESPACE";

  /** The identity, if given; otherwise the host name, which Kubernetes sets to the pod name. */
  public static final String POD_NAME = "POD_NAME";

  /** Where the service account's namespace is mounted in every pod. */
  public static final Path SERVICE_ACCOUNT_NAMESPACE =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  public LeaderElectionSettings {
    if (leaseName == null || leaseName.isBlank()) {
      throw new IllegalArgumentException("leader election needs a Lease name");
    }
    if (leaseNamespace == null || leaseNamespace.isBlank()) {
      throw new IllegalArgumentException(
          "leader election needs the operator's namespace: set "
              + POD_NAMESPACE
              + " or run in a pod with a service account");
    }
  }

  /** The chart's settings: JOSDK's default timings. */
  public static LeaderElectionSettings of(String leaseName, String namespace, String identity) {
    return new LeaderElectionSettings(
        leaseName,
        namespace,
        identity,
        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE);
  }

  /**
   * For a Lease named on the command line; the pod's namespace and name come from {@code env} and
   * {@code namespaceFile} ({@value #POD_NAMESPACE}, else the service account's namespace file;
   * {@value #POD_NAME}, else {@code HOSTNAME}). Empty when {@code lease} is blank.
   */
  public static Optional<LeaderElectionSettings> forLease(
      String lease, Map<String, String> env, Path namespaceFile) {
    if (lease == null || lease.isBlank()) {
      return Optional.empty();
    }
    String namespace = firstNonBlank(env.get(POD_NAMESPACE), readIfPresent(namespaceFile));
    String identity = firstNonBlank(env.get(POD_NAME), env.get("HOSTNAME"));
    return Optional.of(of(lease.trim(), namespace, identity));
  }

  public LeaderElectionSettings withTimings(Duration lease, Duration renew, Duration retry) {
    return new LeaderElectionSettings(leaseName, leaseNamespace, identity, lease, renew, retry);
  }

  /**
   * JOSDK's configuration. JOSDK's own exit-on-stop-leading is off because it calls {@code
   * System.exit} from the thread that stops the operator, which inside a shutdown hook blocks
   * forever; {@code callbacks.onStopLeading} decides instead (the runner exits the process when
   * leadership is lost while running, since JOSDK would otherwise keep reconciling as a second
   * leader).
   */
  public LeaderElectionConfiguration toConfiguration(LeaderCallbacks callbacks) {
    var builder =
        LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(leaseName)
            .withLeaseNamespace(leaseNamespace)
            .withLeaseDuration(leaseDuration)
            .withRenewDeadline(renewDeadline)
            .withRetryPeriod(retryPeriod)
            .withLeaderCallbacks(callbacks)
            .withExitOnStopLeading(false);
    if (identity != null) {
      builder.withIdentity(identity);
    }
    return builder.build();
  }

  private static String readIfPresent(Path file) {
    if (file == null || !Files.isReadable(file)) {
      return null;
    }
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the pod's namespace from " + file, e);
    }
  }

  private static String firstNonBlank(String first, String second) {
    if (first != null && !first.isBlank()) {
      return first.trim();
    }
    return second == null || second.isBlank() ? null : second.trim();
  }
}
