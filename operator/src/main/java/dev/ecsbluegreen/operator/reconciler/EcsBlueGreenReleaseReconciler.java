package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.analysis.AnalysisEventSource;
import dev.ecsbluegreen.operator.analysis.AnalysisGate;
import dev.ecsbluegreen.operator.analysis.AnalysisRuns;
import dev.ecsbluegreen.operator.analysis.AnalysisSummary;
import dev.ecsbluegreen.operator.analysis.BakingGate;
import dev.ecsbluegreen.operator.analysis.ListenerTargets;
import dev.ecsbluegreen.operator.analysis.TokenSecrets;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.config.OperatorConfig;
import dev.ecsbluegreen.operator.errors.AwsAccessException;
import dev.ecsbluegreen.operator.errors.AwsBudgetWaitException;
import dev.ecsbluegreen.operator.errors.AwsOutageException;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import dev.ecsbluegreen.operator.errors.ReleaseException;
import dev.ecsbluegreen.operator.errors.TransientAwsException;
import dev.ecsbluegreen.operator.events.DeploymentEventSource;
import dev.ecsbluegreen.operator.events.DeploymentIndex;
import dev.ecsbluegreen.operator.events.EventFlow;
import dev.ecsbluegreen.operator.observability.ReleaseMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/**
 * The JOSDK adapter for {@link EcsBlueGreenRelease}: observe, plan, execute, record. The state
 * machine lives in {@link ReleasePlanner}. Action annotations must wake it up although they do not
 * bump the generation, so {@link ReleaseUpdateFilter} replaces generation-aware filtering; a pass
 * that changes nothing writes nothing.
 *
 * <p>A transient AWS error is retried here, on the release's own backoff ({@link
 * Requeue#afterTransientFailure}), not by JOSDK's retry: that one gives up after its last attempt,
 * and a release it gave up on waits for the next resync. JOSDK's retry remains for what is not
 * AWS's fault (a status write the API server refused, a defect).
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

  /** The Warning Event's reason when pushed events stopped arriving for a running deployment. */
  public static final String EVENTS_QUIET = "EventsQuiet";

  private final ReleaseEngines engines;
  private final ReleasePlanner planner = new ReleasePlanner();
  private final ReleaseExecutor executor;
  private final ReleaseStatusFactory statusFactory = new ReleaseStatusFactory();
  private final ReleaseRecorder recorder;
  private final OperatorConfig config;
  private final Clock clock;
  private final ReleaseMetrics metrics;
  private final AwsAccess aws;
  private final EventFlow events;
  private final ReleaseEvents kubernetesEvents;
  private final FailureStreaks failures = new FailureStreaks();
  private final AnalysisRuns analysisRuns;
  private final AnalysisGate analysisGate;
  private final BakingGate bakingGate;

  /**
   * @param client reads the Secrets that analysis checks name, on the analysis pool
   */
  public EcsBlueGreenReleaseReconciler(
      AwsAccess aws,
      OperatorConfig config,
      Clock clock,
      ReleaseMetrics metrics,
      KubernetesClient client) {
    this.aws = aws;
    this.events =
        config.events().enabled()
            ? EventFlow.on(clock, config.events().quietAfter())
            : EventFlow.off();
    this.kubernetesEvents = new ReleaseEvents(clock);
    var firstAttempts = new FirstAttempts();
    this.engines = ReleaseEngines.of(aws, config, clock, events, firstAttempts);
    this.executor = new ReleaseExecutor(aws, firstAttempts);
    this.recorder = new ReleaseRecorder(kubernetesEvents);
    this.config = config;
    this.clock = clock;
    this.metrics = metrics;
    this.analysisRuns =
        AnalysisRuns.withProviders(
            clock,
            aws,
            new TokenSecrets(client),
            new ListenerTargets(aws, engines.listenerRoutes(), clock),
            engines.greenTargetGroups());
    this.analysisGate = new AnalysisGate(analysisRuns);
    this.bakingGate = new BakingGate(analysisRuns);
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
    } catch (AwsBudgetWaitException wait) {
      return waitForBudget(release, wait, context);
    } catch (TransientAwsException failure) {
      return retrySoon(release, failure, context);
    }
  }

  private UpdateControl<EcsBlueGreenRelease> pass(
      EcsBlueGreenRelease release, Context<EcsBlueGreenRelease> context) {
    var pass = ReleasePass.of(release, engines.forRelease(release));
    Observation observation = Observation.only(pass.stage());
    Plan plan;
    AnalysisGate.Gated gated = null;
    try {
      observation = pass.engine().observe(pass);
      var decided = planner.decide(pass, observation, clock.instant());
      gated =
          bakingGate.apply(
              pass,
              observation,
              analysisGate.apply(pass, observation, decided, clock.instant()),
              clock.instant());
      plan = executor.execute(pass, gated.plan());
    } catch (InvalidReleaseException | AwsAccessException e) {
      plan = ReleasePlanner.rejected(release, e);
    }
    Instant now = clock.instant();
    var next = statusFactory.build(pass, observation, plan, now);
    if (gated != null) {
      next =
          next.withAnalysis(
              gated.analysis(), AnalysisSummary.of(release.getSpec().analysis(), gated.analysis()));
    }
    recorder.record(release, next, plan, now, context);
    failures.ended(ResourceID.fromResource(release));
    if (gated != null) {
      recordVerdicts(release, gated, context);
    }
    metrics.reported(ResourceID.fromResource(release), release.getStatus(), next, clock.instant());
    var control = UpdateControl.<EcsBlueGreenRelease>noUpdate();
    boolean pushed = pushed(release, next, context, pass.engine());
    var deployment = Optional.ofNullable(observation.deployment());
    var due =
        earliest(
            deployment.flatMap(pass.engine()::transitionDue),
            gated == null ? Optional.empty() : gated.due());
    // The safety net for a lost event about the deployment's end starts when it can first end.
    var canEndFrom =
        pushed ? deployment.flatMap(pass.engine()::earliestEnd) : Optional.<Instant>empty();
    Requeue.after(plan, config, due, clock.instant(), pushed, canEndFrom)
        .ifPresent(control::rescheduleAfter);
    return control;
  }

  /** An Event per analysis verdict: Normal when a check passed, Warning when it failed. */
  private void recordVerdicts(
      EcsBlueGreenRelease release, AnalysisGate.Gated gated, Context<EcsBlueGreenRelease> context) {
    for (var check : gated.verdicts()) {
      boolean failed = check.verdict() == AnalysisCheckStatus.Verdict.Failed;
      kubernetesEvents.record(
          context.getClient(),
          release,
          failed ? AnalysisGate.FAILED : AnalysisGate.PASSED,
          "Analysis check %s %s after %d runs against deployment %s: %s"
              .formatted(
                  check.name(),
                  failed ? "failed" : "passed",
                  check.runs(),
                  check.deploymentId(),
                  check.lastMessage()),
          failed);
    }
  }

  private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.filter(x -> x.isBefore(a.get())).or(() -> a);
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
    noteRetried(release, outage, context);
    return UpdateControl.<EcsBlueGreenRelease>noUpdate()
        .rescheduleAfter(Requeue.untilProbe(outage.nextProbe(), config, clock.instant()));
  }

  /**
   * The operator's request budget had no token to spare for a call that prepares a deployment: say
   * so on the status once (the first turn away in a row writes it; the number ahead it names is
   * that moment's) and come back when the budget expects a token for this release. The thread goes
   * back to the pool meanwhile, for the passes of deployments in flight. Not a failure: no backoff
   * grows and no retry is counted.
   */
  private UpdateControl<EcsBlueGreenRelease> waitForBudget(
      EcsBlueGreenRelease release,
      AwsBudgetWaitException wait,
      Context<EcsBlueGreenRelease> context) {
    noteRetried(release, wait, context);
    return UpdateControl.<EcsBlueGreenRelease>noUpdate()
        .rescheduleAfter(Requeue.afterBudgetWait(wait.retryAfter()));
  }

  /**
   * A call of this pass failed on a transient AWS error: say so on the status (once per distinct
   * error) and try again after the release's backoff. Returning normally keeps JOSDK's retry, with
   * its last attempt, out of it.
   */
  private UpdateControl<EcsBlueGreenRelease> retrySoon(
      EcsBlueGreenRelease release,
      TransientAwsException failure,
      Context<EcsBlueGreenRelease> context) {
    noteRetried(release, failure, context);
    int streak = failures.failed(ResourceID.fromResource(release));
    return UpdateControl.<EcsBlueGreenRelease>noUpdate()
        .rescheduleAfter(Requeue.afterTransientFailure(streak, config));
  }

  /** The status with the retried problem noted, written only when that changes what it says. */
  private void noteRetried(
      EcsBlueGreenRelease release, ReleaseException problem, Context<EcsBlueGreenRelease> context) {
    var status = release.getStatus();
    if (status == null) {
      return;
    }
    var noted = statusFactory.withRetriedError(status, problem);
    if (!noted.equals(status)) {
      // The note is about AWS, not about this copy: a fresher status gets the same note.
      ReleaseRecorder.writeStatus(
          release,
          fresh -> fresh == null ? null : statusFactory.withRetriedError(fresh, problem),
          context);
    }
  }

  /**
   * Whether pushed events report the state changes of the deployment this release waits on. The
   * first pass that finds them quiet for it says so on the release, once.
   */
  private boolean pushed(
      EcsBlueGreenRelease release,
      EcsBlueGreenReleaseStatus status,
      Context<EcsBlueGreenRelease> context,
      ReleaseEngine engine) {
    if (status == null
        || status.deploymentId() == null
        || !engine.eventsReport(status.deploymentStatus())) {
      return false;
    }
    var coverage = events.coverage(status.deploymentId());
    if (coverage == EventFlow.Coverage.WENT_QUIET) {
      kubernetesEvents.record(
          context.getClient(),
          release,
          EVENTS_QUIET,
          "No CodeDeploy event about deployment %s arrived in %s: polling it at the normal pace."
                  .formatted(status.deploymentId(), events.quietAfter())
              + " Check the EventBridge rule, the queue policy and --events-queue-url.",
          true);
    }
    return coverage == EventFlow.Coverage.PUSHED;
  }

  /**
   * With an events queue: the index from deployment ids to releases, and the event source that
   * reconciles a release as soon as its deployment's state changes.
   */
  @Override
  public List<EventSource<?, EcsBlueGreenRelease>> prepareEventSources(
      EventSourceContext<EcsBlueGreenRelease> context) {
    var settings = config.events();
    var analysis = new AnalysisEventSource(analysisRuns);
    if (!settings.enabled()) {
      return List.of(analysis);
    }
    var releases = context.getPrimaryCache();
    releases.addIndexer(DeploymentIndex.NAME, DeploymentIndex::idsOf);
    return List.of(
        analysis,
        new DeploymentEventSource(aws.eventsQueue(settings.queueUrl()), events, releases));
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
    noteRetried(release, problem, context);
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  @Override
  public DeleteControl cleanup(EcsBlueGreenRelease release, Context<EcsBlueGreenRelease> context) {
    var engine = engines.forRelease(release);
    DeleteControl control;
    try {
      control = engine.cleanup(ReleasePass.of(release, engine));
    } catch (AwsBudgetWaitException wait) {
      // Looking for the release's own deployment waits its turn like any preparing call; not a
      // failure that would use up the framework's retries.
      return DeleteControl.noFinalizerRemoval()
          .rescheduleAfter(Requeue.afterBudgetWait(wait.retryAfter()));
    }
    if (control.isRemoveFinalizer()) {
      metrics.forget(ResourceID.fromResource(release));
      failures.ended(ResourceID.fromResource(release));
    }
    return control;
  }
}
