package dev.ecsbluegreen.operator.ha;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the leader Lease was last renewed, read every retry period with the {@code get} the chart's
 * Role already grants. While the API server cannot be read the last value read stays, so the age
 * keeps growing: what an alert on a leader that cannot renew needs to see before the renew deadline
 * makes it give up.
 */
public final class LeaseRenewals implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaseRenewals.class);

  private final KubernetesClient client;
  private final LeaderElectionSettings settings;
  private final Clock clock;
  private final ScheduledExecutorService reader;
  private volatile Instant lastRenewal;

  private LeaseRenewals(KubernetesClient client, LeaderElectionSettings settings, Clock clock) {
    this.client = client;
    this.settings = settings;
    this.clock = clock;
    this.reader =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              var thread = new Thread(r, "lease-renewals");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts reading the Lease the settings name, every {@code retryPeriod}. */
  public static LeaseRenewals start(
      KubernetesClient client, LeaderElectionSettings settings, Clock clock) {
    var renewals = new LeaseRenewals(client, settings, clock);
    long every = Math.max(1, settings.retryPeriod().toMillis());
    renewals.reader.scheduleWithFixedDelay(renewals::read, 0, every, TimeUnit.MILLISECONDS);
    return renewals;
  }

  /** Time since the Lease holder last renewed it; empty until a renewal has been seen. */
  public Optional<Duration> sinceLastRenewal() {
    Instant last = lastRenewal;
    return last == null ? Optional.empty() : Optional.of(Duration.between(last, clock.instant()));
  }

  private void read() {
    try {
      Lease lease =
          client
              .resources(Lease.class)
              .inNamespace(settings.leaseNamespace())
              .withName(settings.leaseName())
              .get();
      if (lease != null && lease.getSpec() != null && lease.getSpec().getRenewTime() != null) {
        lastRenewal = lease.getSpec().getRenewTime().toInstant();
      }
    } catch (KubernetesClientException e) {
      log.debug("Could not read the leader Lease {}: {}", settings.leaseName(), e.getMessage());
    }
  }

  @Override
  public void close() {
    reader.shutdownNow();
  }
}
