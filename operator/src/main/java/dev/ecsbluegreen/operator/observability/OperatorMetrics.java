package dev.ecsbluegreen.operator.observability;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operator's one meter registry, in Prometheus format. Everything the operator itself measures
 * is named {@code ecs_bluegreen_*}; JOSDK's reconcile meters ({@code operator.sdk.*}) are renamed
 * into the same prefix so one selector finds them all. JVM and process meters keep their standard
 * names, which dashboards and alerts already know.
 */
public final class OperatorMetrics implements AutoCloseable {
  /** Prefix of every meter the operator defines, in Micrometer's dotted form. */
  public static final String PREFIX = "ecs_bluegreen.";

  private static final String JOSDK_PREFIX = "operator.sdk.";

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc = new JvmGcMetrics();

  public OperatorMetrics() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(josdkIntoOurPrefix());
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** JOSDK's reconcile metrics, per controller rather than per release to bound cardinality. */
  public Metrics josdkMetrics() {
    return MicrometerMetrics.newMicrometerMetricsBuilder(registry)
        .notCollectingMetricsPerResource()
        .build();
  }

  /**
   * {@code ecs_bluegreen_leader}: 1 while this replica reconciles (it holds the Lease, or runs
   * without leader election), 0 on a standby. Summed over replicas it should be exactly 1.
   */
  public void registerLeader(BooleanSupplier leading) {
    // The supplier form holds {@code leading} strongly; the state-object form would let a lambda
    // be collected and report NaN.
    Gauge.builder(PREFIX + "leader", () -> leading.getAsBoolean() ? 1 : 0)
        .description("1 if this replica reconciles, 0 on a standby")
        .register(registry);
  }

  /**
   * {@code ecs_bluegreen_leader_lease_renewal_age_seconds}: how long ago the leader Lease was last
   * renewed, by whichever replica holds it. It stays below the retry period while a leader renews;
   * past the renew deadline the leader gives up, past the lease duration a standby takes over. NaN
   * until the Lease has been read.
   */
  public void registerLeaseRenewalAge(Supplier<Optional<Duration>> sinceLastRenewal) {
    Gauge.builder(
            PREFIX + "leader.lease.renewal.age",
            () -> sinceLastRenewal.get().map(age -> age.toMillis() / 1000.0).orElse(Double.NaN))
        .description("Seconds since the leader Lease was last renewed")
        .baseUnit("seconds")
        .register(registry);
  }

  /** The current values in the Prometheus text exposition format. */
  public String scrape() {
    return registry.scrape();
  }

  private static MeterFilter josdkIntoOurPrefix() {
    return new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        return id.getName().startsWith(JOSDK_PREFIX) ? id.withName(PREFIX + id.getName()) : id;
      }
    };
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
