package dev.ecsbluegreen.simulator.world;

import dev.ecsbluegreen.simulator.world.Deployment.Stage;
import dev.ecsbluegreen.simulator.world.Deployment.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Moves ECS blue/green deployments through their lifecycle in simulated time.
 *
 * <pre>
 * Created --start--> InProgress: BeforeInstall -> Install (green task set) -> AfterInstall
 *   -> AllowTestTraffic (test listener to green) -> AfterAllowTestTraffic
 *   -> [Ready: ready option STOP_DEPLOYMENT, until ContinueDeployment(READY_WAIT) or timeout -> Stopped]
 *   -> BeforeAllowTraffic -> AllowTraffic (weights per config; green PRIMARY at 100 %)
 *   -> AfterAllowTraffic -> target Succeeded, termination wait (still InProgress)
 *   -> blue deleted -> Succeeded
 * Any hook failure, hook timeout, green never healthy -> Failed; StopDeployment -> Stopped;
 * alarm -> Stopped. With rollback: a new deployment (creator codeDeployRollback) sends all
 * traffic back to blue, makes blue PRIMARY again and deletes green.
 * </pre>
 *
 * This class drives the stages and decides what follows each event; {@link LifecycleProgression}
 * runs the events themselves (with {@link TrafficShifter} for AllowTraffic) and {@link Rollbacks}
 * ends failed or stopped deployments and runs their rollbacks.
 *
 * <p>Every transition is stamped with the simulated instant it was due, not the instant the world
 * noticed, so a manual clock jumping 15 minutes produces the same history as a clock ticking.
 */
final class DeploymentEngine {

  private final DeploymentRegistry registry;
  private final EcsState ecs;
  private final TrafficRouter router;
  private final Alarms alarms;
  private final Scheduler scheduler;
  private final Timings timings;
  private final Rollbacks rollbacks;
  private final LifecycleProgression events;

  DeploymentEngine(
      DeploymentRegistry registry,
      EcsState ecs,
      TrafficRouter router,
      HookInvoker hooks,
      Alarms alarms,
      Scheduler scheduler,
      Timings timings,
      Ids ids) {
    this.registry = registry;
    this.ecs = ecs;
    this.router = router;
    this.alarms = alarms;
    this.scheduler = scheduler;
    this.timings = timings;
    this.rollbacks = new Rollbacks(registry, ecs, router, this::advance);
    var traffic = new TrafficShifter(router, timings, this::nextEvent);
    this.events =
        new LifecycleProgression(
            ecs, router, hooks, timings, ids, traffic, rollbacks, this::nextEvent);
  }

  Duration startDelay() {
    return timings.startDelay();
  }

  /** Wakes the deployment at {@code at}; an earlier pending wake-up is superseded. */
  void schedule(Deployment d, Instant at) {
    d.wakeAt = at;
    scheduler.at(
        at,
        due -> {
          if (at.equals(d.wakeAt)) {
            d.wakeAt = null;
            advance(d, due);
          }
        });
  }

  /** Performs every transition due at or before {@code at}, then sleeps until the next one. */
  void advance(Deployment d, Instant at) {
    for (int guard = 0; guard < 10_000; guard++) {
      if (d.stage == Stage.DONE) {
        return;
      }
      if (stopIfAlarmed(d, at)) {
        continue;
      }
      Instant next = step(d, at);
      if (next == null) {
        continue;
      }
      if (!next.equals(Instant.MAX) && !next.equals(d.wakeAt)) {
        schedule(d, next);
      }
      return;
    }
    throw new IllegalStateException("Deployment " + d.id() + " does not settle at " + at);
  }

  /**
   * Runs what is due by {@code at}. Returns null after a transition (the caller loops), the instant
   * of the next due transition, or {@link Instant#MAX} when only an API call can move it.
   */
  private Instant step(Deployment d, Instant at) {
    return switch (d.stage) {
      case WAITING_TO_START -> {
        Instant due = d.createTime().plus(timings.startDelay());
        if (due.isAfter(at)) {
          yield due;
        }
        start(d, due);
        yield null;
      }
      case EVENT -> events.step(d, at);
      case READY_WAIT -> {
        if (d.readyDeadline.isAfter(at)) {
          yield d.readyDeadline;
        }
        readyWaitTimedOut(d, d.readyDeadline);
        yield null;
      }
      case TERMINATION_WAIT -> {
        if (d.terminationEnd.isAfter(at)) {
          yield d.terminationEnd;
        }
        succeed(d, d.terminationEnd);
        yield null;
      }
      case ROLLBACK -> {
        Instant due = d.stageStartedAt.plus(timings.rollback());
        if (due.isAfter(at)) {
          yield due;
        }
        rollbacks.finish(d, due);
        yield null;
      }
      case DONE -> Instant.MAX;
    };
  }

  private void start(Deployment d, Instant at) {
    d.status = Status.InProgress;
    d.startTime = at;
    d.targetStatus = "InProgress";
    d.touch(at);
    registry.started(d, at);
    EcsService service = ecs.service(d.group().clusterName(), d.group().serviceName()).orElse(null);
    if (service == null || service.primary().isEmpty()) {
      rollbacks.fail(
          d, at, Status.Failed, "INVALID_ECS_SERVICE", "The ECS service was not found", false);
      return;
    }
    d.blue = service.primary().get();
    try {
      d.appSpec = AppSpec.parse(d.appSpecContent());
    } catch (IllegalArgumentException e) {
      rollbacks.fail(
          d,
          at,
          Status.Failed,
          "INVALID_REVISION",
          "The deployment failed because the AppSpec file that specifies the deployment"
              + " configuration is missing or has an invalid configuration: "
              + e.getMessage(),
          d.autoRollback().rollsBackOn(AutoRollback.ON_FAILURE));
      return;
    }
    events.begin(d, LifecycleProgression.BEFORE_INSTALL, at);
  }

  /** An event finished well at {@code at}: start the next one, or the wait that follows it. */
  private void nextEvent(Deployment d, Instant at) {
    d.hook = null;
    d.touch(at);
    if (d.eventIndex == LifecycleProgression.AFTER_ALLOW_TEST_TRAFFIC
        && readyWaitMinutes(d) != null) {
      d.stage = Stage.READY_WAIT;
      d.stageStartedAt = at;
      d.status = Status.Ready;
      d.targetStatus = "Ready";
      d.readyDeadline = at.plus(Duration.ofMinutes(readyWaitMinutes(d)));
      registry.ready(d, at);
      return;
    }
    if (d.eventIndex == LifecycleProgression.AFTER_ALLOW_TRAFFIC) {
      d.stage = Stage.TERMINATION_WAIT;
      d.stageStartedAt = at;
      d.targetStatus = "Succeeded";
      d.terminationEnd = at.plus(Duration.ofMinutes(terminationWaitMinutes(d)));
      return;
    }
    events.begin(d, d.eventIndex + 1, at);
  }

  private Integer readyWaitMinutes(Deployment d) {
    var ready =
        d.groupSnapshot().path("blueGreenDeploymentConfiguration").path("deploymentReadyOption");
    if (!"STOP_DEPLOYMENT".equals(ready.path("actionOnTimeout").asText())) {
      return null;
    }
    return ready.path("waitTimeInMinutes").asInt(0);
  }

  private int terminationWaitMinutes(Deployment d) {
    return d.groupSnapshot()
        .path("blueGreenDeploymentConfiguration")
        .path("terminateBlueInstancesOnDeploymentSuccess")
        .path("terminationWaitTimeInMinutes")
        .asInt(0);
  }

  /** ContinueDeployment: releases the ready wait or ends the termination wait. */
  void continueDeployment(Deployment d, String waitType, Instant at) {
    if (d.status().isTerminal()) {
      throw AwsException.client(
          "DeploymentAlreadyCompletedException",
          "The deployment " + d.id() + " has already completed");
    }
    if ("TERMINATION_WAIT".equals(waitType)) {
      if (d.stage != Stage.TERMINATION_WAIT) {
        throw AwsException.client(
            "DeploymentIsNotInReadyStateException",
            "The deployment " + d.id() + " is not waiting to terminate the original task set");
      }
      d.terminationEnd = at;
    } else {
      if (d.stage != Stage.READY_WAIT) {
        throw AwsException.client(
            "DeploymentIsNotInReadyStateException",
            "The deployment " + d.id() + " is not in the Ready state");
      }
      d.status = Status.InProgress;
      d.targetStatus = "InProgress";
      events.begin(d, LifecycleProgression.AFTER_ALLOW_TEST_TRAFFIC + 1, at);
    }
    advance(d, at);
  }

  /** StopDeployment; answers whether rollback work is still pending. */
  boolean stop(Deployment d, Boolean autoRollbackEnabled, Instant at) {
    if (d.status().isTerminal()) {
      throw AwsException.client(
          "DeploymentAlreadyCompletedException",
          "The deployment " + d.id() + " has already completed");
    }
    if (d.stage == Stage.EVENT && "InProgress".equals(d.currentEvent().status())) {
      d.currentEvent().finish("Failed", at, "UnknownError", "The deployment was stopped");
    }
    boolean rollback =
        autoRollbackEnabled != null
            ? autoRollbackEnabled
            : d.autoRollback().rollsBackOn(AutoRollback.ON_REQUEST);
    rollbacks.fail(
        d,
        at,
        Status.Stopped,
        "MANUAL_STOP",
        "The deployment was stopped by a StopDeployment request",
        rollback);
    return d.rollbackDeploymentId() != null;
  }

  /** PutLifecycleEventHookExecutionStatus. */
  void reportHook(Deployment d, String executionId, String status, Instant at) {
    events.recordHookReport(d, executionId, status, at);
    advance(d, at);
  }

  /** Stops an active deployment whose monitored alarms are in ALARM at {@code at}. */
  private boolean stopIfAlarmed(Deployment d, Instant at) {
    if (d.rollbackOf().isPresent() || !d.alarms().enabled() || d.status().isTerminal()) {
      return false;
    }
    if (d.status != Status.InProgress && d.status != Status.Ready) {
      return false;
    }
    List<String> firing =
        d.alarms().alarmNames().stream().filter(a -> alarms.inAlarm(a, at)).toList();
    if (firing.isEmpty()) {
      return false;
    }
    if (d.stage == Stage.EVENT && "InProgress".equals(d.currentEvent().status())) {
      d.currentEvent().finish("Failed", at, "UnknownError", "Stopped by an alarm");
    }
    rollbacks.fail(
        d,
        at,
        Status.Stopped,
        "ALARM_ACTIVE",
        "One or more alarms have been activated according to the Amazon CloudWatch metrics. The"
            + " alarm(s) are: "
            + firing,
        d.autoRollback().rollsBackOn(AutoRollback.ON_ALARM));
    return true;
  }

  private void readyWaitTimedOut(Deployment d, Instant at) {
    // Production never moved: put the test listener back on blue and remove green.
    if (d.testTrafficOnGreen) {
      router.forwardAll(d.group().testListenerArn(), d.blue.targetGroupName());
    }
    ecs.deleteTaskSet(d.group().clusterName(), d.group().serviceName(), d.green);
    rollbacks.fail(
        d,
        at,
        Status.Stopped,
        "TIMEOUT",
        "The deployment was stopped because it was not continued within the ready wait time",
        false);
  }

  private void succeed(Deployment d, Instant at) {
    ecs.deleteTaskSet(d.group().clusterName(), d.group().serviceName(), d.blue);
    d.status = Status.Succeeded;
    d.completeTime = at;
    d.stage = Stage.DONE;
    d.touch(at);
    registry.finished(d);
  }
}
