package dev.ecsbluegreen.operator;

import dev.ecsbluegreen.operator.aws.AwsGuardSettings;
import dev.ecsbluegreen.operator.aws.AwsGuards;
import dev.ecsbluegreen.operator.ha.LeaderElectionSettings;
import dev.ecsbluegreen.operator.ha.Leadership;
import dev.ecsbluegreen.operator.ha.LeaseRenewals;
import dev.ecsbluegreen.operator.observability.AwsCallMetrics;
import dev.ecsbluegreen.operator.observability.MicrometerReleaseMetrics;
import dev.ecsbluegreen.operator.observability.OperatorHealth;
import dev.ecsbluegreen.operator.observability.OperatorHttpServer;
import dev.ecsbluegreen.operator.observability.OperatorMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * What a production operator process runs beside the reconciler: the metrics registry, the HTTP
 * server for probes and scrapes, and leader election. Started before the operator, so the probes
 * answer (not ready) while the operator's informers sync.
 *
 * <pre>{@code
 * var services = OperatorServices.start(8080, election);
 * var aws = new AwsSdkAccess(settings, services.awsInterceptors(), services.awsGuards(guards));
 * var running = OperatorRunner.start(config, client, aws, clock, services.runnerOptions());
 * services.started(running);
 * ...
 * services.stopping(); running.close(); services.close();
 * }</pre>
 */
public final class OperatorServices implements AutoCloseable {
  private final OperatorMetrics metrics = new OperatorMetrics();
  private final OperatorHealth health = new OperatorHealth();
  private final Leadership leadership;
  private final Optional<LeaderElectionSettings> election;
  private final OperatorHttpServer http;
  private LeaseRenewals renewals;

  private OperatorServices(
      int httpPort, Optional<LeaderElectionSettings> election, Leadership leadership) {
    this.election = election;
    this.leadership = leadership;
    metrics.registerLeader(() -> election.isEmpty() || leadership.isLeader());
    this.http = OperatorHttpServer.start(httpPort, health, metrics);
  }

  /** Exits the process if the Lease is lost while running (see {@link Leadership}). */
  public static OperatorServices start(int httpPort, Optional<LeaderElectionSettings> election) {
    return new OperatorServices(httpPort, election, Leadership.exitingOnLoss());
  }

  /** Measures every AWS call of the clients they are given to. */
  public List<ExecutionInterceptor> awsInterceptors() {
    return List.of(new AwsCallMetrics(metrics.registry()));
  }

  /**
   * Starts following the leader Lease's renewals for {@code
   * ecs_bluegreen_leader_lease_renewal_age_seconds}; nothing without leader election.
   */
  public void followLease(KubernetesClient client) {
    election.ifPresent(
        settings -> {
          var renewals = LeaseRenewals.start(client, settings, Clock.systemUTC());
          metrics.registerLeaseRenewalAge(renewals::sinceLastRenewal);
          this.renewals = renewals;
        });
  }

  /** The breaker and budgets per AWS account and region, on the wall clock, with their metrics. */
  public AwsGuards awsGuards(AwsGuardSettings settings) {
    return new AwsGuards(settings, Clock.systemUTC(), metrics.registry());
  }

  public OperatorRunner.Options runnerOptions() {
    return new OperatorRunner.Options(
        metrics.josdkMetrics(),
        new MicrometerReleaseMetrics(metrics.registry()),
        election.map(e -> e.toConfiguration(leadership.callbacks())).orElse(null));
  }

  /** The operator is started: readiness and liveness follow it from now on. */
  public void started(OperatorRunner.Running running) {
    health.started(running.operator().getRuntimeInfo());
  }

  /** The process is stopping on purpose: not ready any more, and giving up the Lease is no loss. */
  public void stopping() {
    health.stopping();
    leadership.stopping();
  }

  public int httpPort() {
    return http.port();
  }

  @Override
  public void close() {
    if (renewals != null) {
      renewals.close();
    }
    http.close();
    metrics.close();
  }
}
