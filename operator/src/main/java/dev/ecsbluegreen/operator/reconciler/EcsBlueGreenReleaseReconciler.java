package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.config.OperatorConfig;
import dev.ecsbluegreen.operator.errors.AwsAccessException;
import dev.ecsbluegreen.operator.errors.AwsOutageException;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import dev.ecsbluegreen.operator.errors.ReleaseException;
import dev.ecsbluegreen.operator.observability.ReleaseMetrics;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/**
 * The JOSDK adapter for {@link EcsBlueGreenRelease}: observe, plan, execute, record. The state
 * machine lives in {@link ReleasePlanner}. Action annotations must wake it up although they do not
 * bump the generation, so {@link ReleaseUpdateFilter} replaces generation-aware filtering; a pass
 * that changes nothing writes nothing.
 */
@ControllerConfiguration(
    name = EcsBlueGreenReleaseReconciler.NAME,
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = ReleaseUpdateFilter.class),
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
@GradualRetry(
    maxAttempts = 10,
    initialInterval = 1_000,
    intervalMultiplier = 2.0,
    maxInterval = 120_000)
public class EcsBlueGreenReleaseReconciler
    implements Reconciler<EcsBlueGreenRelease>, Cleaner<EcsBlueGreenRelease> {
  public static final String NAME = "ecs-bluegreen-release";

  private final ReleaseEngines engines;
  private final ReleasePlanner planner = new ReleasePlanner();
  private final ReleaseExecutor executor;
  private final ReleaseStatusFactory statusFactory = new ReleaseStatusFactory();
  private final ReleaseRecorder recorder;
  private final OperatorConfig config;
  private final Clock clock;
  private final ReleaseMetrics metrics;

  public EcsBlueGreenReleaseReconciler(
      AwsAccess aws, OperatorConfig config, Clock clock, ReleaseMetrics metrics) {
    this.engines = ReleaseEngines.of(aws, config, clock);
    this.executor = new ReleaseExecutor(aws);
    this.recorder = new ReleaseRecorder(new ReleaseEvents(clock));
    this.config = config;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public UpdateControl<EcsBlueGreenRelease> reconcile(
      EcsBlueGreenRelease release, Context<EcsBlueGreenRelease> context) {
    var status = release.getStatus();
    try (var ignored =
        MDC.putCloseable("deploymentId", status == null ? null : status.deploymentId())) {
      return pass(release, context);
    } catch (AwsOutageException outage) {
      return waitForProbe(release, outage, context);
    }
  }

  private UpdateControl<EcsBlueGreenRelease> pass(
      EcsBlueGreenRelease release, Context<EcsBlueGreenRelease> context) {
    var pass = ReleasePass.of(release, engines.forRelease(release));
    Observation observation = Observation.only(pass.stage());
    Plan plan;
    try {
      observation = pass.engine().observe(pass);
      plan = executor.execute(pass, planner.decide(pass, observation, clock.instant()));
    } catch (InvalidReleaseException | AwsAccessException e) {
      plan = ReleasePlanner.rejected(release, e);
    }
    var next = statusFactory.build(pass, observation, plan, clock.instant());
    recorder.record(release, next, plan, context);
    metrics.reported(ResourceID.fromResource(release), release.getStatus(), next, clock.instant());
    var control = UpdateControl.<EcsBlueGreenRelease>noUpdate();
    var due = Optional.ofNullable(observation.deployment()).flatMap(pass.engine()::transitionDue);
    Requeue.after(plan, config, due, clock.instant()).ifPresent(control::rescheduleAfter);
    return control;
  }

  /**
   * The release's AWS account and region is down and its breaker open: say so on the status (once:
   * the message stays the same for the whole outage) and come back when a probe may go through.
   * Returning normally rather than failing also resets the retry backoff, so the release carries on
   * promptly once AWS answers.
   */
  private UpdateControl<EcsBlueGreenRelease> waitForProbe(
      EcsBlueGreenRelease release,
      AwsOutageException outage,
      Context<EcsBlueGreenRelease> context) {
    var status = release.getStatus();
    if (status != null) {
      var noted = statusFactory.withRetriedError(status, outage);
      if (!noted.equals(status)) {
        ReleaseRecorder.writeStatus(release, noted, context);
      }
    }
    return UpdateControl.<EcsBlueGreenRelease>noUpdate()
        .rescheduleAfter(Requeue.untilProbe(outage.nextProbe(), config, clock.instant()));
  }

  @Override
  public ErrorStatusUpdateControl<EcsBlueGreenRelease> updateErrorStatus(
      EcsBlueGreenRelease release, Context<EcsBlueGreenRelease> context, Exception e) {
    var problem = e instanceof ReleaseException r ? r : null;
    if (problem == null && e.getCause() instanceof ReleaseException cause) {
      problem = cause;
    }
    if (problem == null || release.getStatus() == null) {
      return ErrorStatusUpdateControl.defaultErrorProcessing();
    }
    var status = statusFactory.withRetriedError(release.getStatus(), problem);
    if (!status.equals(release.getStatus())) {
      ReleaseRecorder.writeStatus(release, status, context);
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  @Override
  public DeleteControl cleanup(EcsBlueGreenRelease release, Context<EcsBlueGreenRelease> context) {
    var engine = engines.forRelease(release);
    var control = engine.cleanup(ReleasePass.of(release, engine));
    if (control.isRemoveFinalizer()) {
      metrics.forget(ResourceID.fromResource(release));
    }
    return control;
  }
}
