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
 * Every transition is stamped with the simulated instant it was due, not the instant the world
 * noticed, so a manual clock jumping 15 minutes produces the same history as a clock ticking.
 */
final class DeploymentEngine {

  private static final int BEFORE_INSTALL = 0;
  private static final int INSTALL = 1;
  private static final int ALLOW_TEST_TRAFFIC = 3;
  private static final int AFTER_ALLOW_TEST_TRAFFIC = 4;
  private static final int ALLOW_TRAFFIC = 6;
  private static final int AFTER_ALLOW_TRAFFIC = 7;

  private final CodeDeployState codeDeploy;
  private final EcsState ecs;
  private final TrafficRouter router;
  private final HookInvoker hooks;
  private final Alarms alarms;
  private final Scheduler scheduler;
  private final Timings timings;
  private final Ids ids;

  DeploymentEngine(
      CodeDeployState codeDeploy,
      EcsState ecs,
      TrafficRouter router,
      HookInvoker hooks,
      Alarms alarms,
      Scheduler scheduler,
      Timings timings,
      Ids ids) {
    this.codeDeploy = codeDeploy;
    this.ecs = ecs;
    this.router = router;
    this.hooks = hooks;
    this.alarms = alarms;
    this.scheduler = scheduler;
    this.timings = timings;
    this.ids = ids;
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
      case EVENT -> stepEvent(d, at);
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
        finishRollback(d, due);
        yield null;
      }
      case DONE -> Instant.MAX;
    };
  }

  private void start(Deployment d, Instant at) {
    d.status = Status.InProgress;
    d.startTime = at;
    d.targetStatus = "InProgress";
    touch(d, at);
    EcsService service = ecs.service(d.group().clusterName(), d.group().serviceName()).orElse(null);
    if (service == null || service.primary().isEmpty()) {
      fail(d, at, Status.Failed, "INVALID_ECS_SERVICE", "The ECS service was not found", false);
      return;
    }
    d.blue = service.primary().get();
    try {
      d.appSpec = AppSpec.parse(d.appSpecContent());
    } catch (IllegalArgumentException e) {
      fail(
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
    beginEvent(d, BEFORE_INSTALL, at);
  }

  private void beginEvent(Deployment d, int index, Instant at) {
    d.stage = Stage.EVENT;
    d.eventIndex = index;
    d.stageStartedAt = at;
    LifecycleEvent event = d.currentEvent();
    event.start(at);
    touch(d, at);
    String name = event.name();
    switch (index) {
      case INSTALL -> createGreen(d, at);
      case ALLOW_TEST_TRAFFIC -> {
        if (d.group().testListenerArn() == null) {
          event.finish("Skipped", at, null, null);
          nextEvent(d, at);
        } else {
          router.forwardAll(d.group().testListenerArn(), d.green.targetGroupName());
          d.testTrafficOnGreen = true;
        }
      }
      case ALLOW_TRAFFIC -> {
        d.trafficStep = 0;
        shiftTraffic(d, d.routing().greenWeights().get(0));
      }
      default -> {
        String function = d.appSpec.hooks().get(name);
        if (function == null) {
          event.finish("Succeeded", at, "Success", null);
          nextEvent(d, at);
        } else {
          d.hook =
              new HookExecution(
                  ids.uuid(),
                  name,
                  HookInvoker.functionName(function),
                  at.plus(timings.hookTimeout()));
          hooks.invoke(d, d.hook, at);
        }
      }
    }
  }

  private void createGreen(Deployment d, Instant at) {
    EcsService service =
        ecs.service(d.group().clusterName(), d.group().serviceName()).orElseThrow();
    TaskDefinition taskDefinition;
    try {
      taskDefinition = ecs.taskDefinitions().resolve(d.appSpec.taskDefinition());
    } catch (AwsException e) {
      d.currentEvent().finish("Failed", at, "UnknownError", e.getMessage());
      fail(
          d,
          at,
          Status.Failed,
          "ECS_UPDATE_ERROR",
          "The ECS service cannot be updated: task definition "
              + d.appSpec.taskDefinition()
              + " was not found",
          d.autoRollback().rollsBackOn(AutoRollback.ON_FAILURE));
      return;
    }
    String greenGroup =
        d.group().targetGroupNames().stream()
            .filter(tg -> !tg.equals(d.blue.targetGroupName()))
            .findFirst()
            .orElse(d.group().targetGroupNames().get(1));
    d.green =
        ecs.createTaskSet(
            service,
            taskDefinition,
            greenGroup,
            d.id(),
            "ACTIVE",
            at,
            at.plus(timings.taskStartup()));
  }

  private Instant stepEvent(Deployment d, Instant at) {
    LifecycleEvent event = d.currentEvent();
    Instant started = d.stageStartedAt;
    return switch (d.eventIndex) {
      case INSTALL -> {
        Instant ready = d.green.readyAt();
        Instant deadline = started.plus(timings.installTimeout());
        if (ready != null && !ready.isAfter(deadline)) {
          if (ready.isAfter(at)) {
            yield ready;
          }
          event.finish("Succeeded", ready, "Success", null);
          nextEvent(d, ready);
          yield null;
        }
        if (deadline.isAfter(at)) {
          yield deadline;
        }
        event.finish(
            "Failed", deadline, "ScriptTimedOut", "The replacement task set never became stable");
        fail(
            d,
            deadline,
            Status.Failed,
            "ECS_UPDATE_ERROR",
            "The ECS service cannot be updated due to an unexpected error: the replacement task set"
                + " did not reach a steady state within the timeout",
            d.autoRollback().rollsBackOn(AutoRollback.ON_FAILURE));
        yield null;
      }
      case ALLOW_TEST_TRAFFIC -> {
        Instant due = started.plus(timings.listenerUpdate());
        if (due.isAfter(at)) {
          yield due;
        }
        event.finish("Succeeded", due, "Success", null);
        nextEvent(d, due);
        yield null;
      }
      case ALLOW_TRAFFIC -> stepTraffic(d, event, at);
      default -> stepHook(d, event, at);
    };
  }

  private Instant stepTraffic(Deployment d, LifecycleEvent event, Instant at) {
    List<Double> weights = d.routing().greenWeights();
    Duration interval = d.routing().interval();
    int last = weights.size() - 1;
    if (d.trafficStep < last) {
      Instant nextStep = d.stageStartedAt.plus(interval.multipliedBy(d.trafficStep + 1L));
      if (nextStep.isAfter(at)) {
        return nextStep;
      }
      d.trafficStep++;
      shiftTraffic(d, weights.get(d.trafficStep));
      touch(d, nextStep);
      return null;
    }
    Instant done =
        d.stageStartedAt.plus(interval.multipliedBy(last)).plus(timings.listenerUpdate());
    if (done.isAfter(at)) {
      return done;
    }
    // Production is on green: green becomes the service's primary task set.
    d.green.setStatus("PRIMARY", done);
    d.blue.setStatus("ACTIVE", done);
    event.finish("Succeeded", done, "Success", null);
    nextEvent(d, done);
    return null;
  }

  private void shiftTraffic(Deployment d, double greenWeight) {
    d.greenWeight = greenWeight;
    router.split(
        d.group().productionListenerArn(),
        d.blue.targetGroupName(),
        d.green.targetGroupName(),
        greenWeight);
  }

  private Instant stepHook(Deployment d, LifecycleEvent event, Instant at) {
    HookExecution hook = d.hook;
    if (hook.result != null && !hook.resultAt.isAfter(hook.deadline)) {
      if (hook.resultAt.isAfter(at)) {
        return hook.resultAt;
      }
      hook.closed = true;
      if ("Succeeded".equals(hook.result)) {
        event.finish("Succeeded", hook.resultAt, "Success", null);
        nextEvent(d, hook.resultAt);
      } else {
        String message =
            hook.resultMessage != null ? hook.resultMessage : "The hook reported Failed";
        event.finish("Failed", hook.resultAt, "ScriptFailed", message);
        fail(
            d,
            hook.resultAt,
            Status.Failed,
            "HOOK_EXECUTION_FAILURE",
            "The deployment failed because the %s hook (%s) failed: %s"
                .formatted(event.name(), hook.functionName, message),
            d.autoRollback().rollsBackOn(AutoRollback.ON_FAILURE));
      }
      return null;
    }
    if (hook.deadline.isAfter(at)) {
      return hook.deadline;
    }
    hook.closed = true;
    event.finish("Failed", hook.deadline, "ScriptTimedOut", "The hook did not report in time");
    fail(
        d,
        hook.deadline,
        Status.Failed,
        "HOOK_EXECUTION_FAILURE",
        "The deployment failed because the %s hook (%s) did not report a status within %d minutes"
            .formatted(event.name(), hook.functionName, timings.hookTimeout().toMinutes()),
        d.autoRollback().rollsBackOn(AutoRollback.ON_FAILURE));
    return null;
  }

  private void nextEvent(Deployment d, Instant at) {
    d.hook = null;
    touch(d, at);
    if (d.eventIndex == AFTER_ALLOW_TEST_TRAFFIC && readyWaitMinutes(d) != null) {
      d.stage = Stage.READY_WAIT;
      d.stageStartedAt = at;
      d.status = Status.Ready;
      d.targetStatus = "Ready";
      d.readyDeadline = at.plus(Duration.ofMinutes(readyWaitMinutes(d)));
      return;
    }
    if (d.eventIndex == AFTER_ALLOW_TRAFFIC) {
      d.stage = Stage.TERMINATION_WAIT;
      d.stageStartedAt = at;
      d.targetStatus = "Succeeded";
      d.terminationEnd = at.plus(Duration.ofMinutes(terminationWaitMinutes(d)));
      return;
    }
    beginEvent(d, d.eventIndex + 1, at);
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
      beginEvent(d, AFTER_ALLOW_TEST_TRAFFIC + 1, at);
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
    fail(
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
    if (!"Succeeded".equals(status) && !"Failed".equals(status)) {
      throw AwsException.client(
          "InvalidLifecycleEventHookExecutionStatusException",
          "The status must be Succeeded or Failed, was " + status);
    }
    HookExecution hook = d.hook;
    if (hook == null || !hook.id.equals(executionId)) {
      if (d.status().isTerminal() || d.stage != Stage.EVENT) {
        throw AwsException.client(
            "LifecycleEventAlreadyCompletedException",
            "The lifecycle event for execution " + executionId + " has already completed");
      }
      throw AwsException.client(
          "InvalidLifecycleEventHookExecutionIdException",
          "Unknown lifecycle event hook execution id " + executionId);
    }
    if (hook.closed || hook.result != null) {
      throw AwsException.client(
          "LifecycleEventAlreadyCompletedException",
          "The lifecycle event for execution " + executionId + " has already completed");
    }
    hook.report(status, at, "Failed".equals(status) ? "The hook reported Failed" : null);
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
    fail(
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
    deleteTaskSet(d, d.green);
    fail(
        d,
        at,
        Status.Stopped,
        "TIMEOUT",
        "The deployment was stopped because it was not continued within the ready wait time",
        false);
  }

  /**
   * Ends a deployment as Failed or Stopped and, when {@code rollback} is asked for and there is a
   * replacement to undo, starts a rollback deployment.
   */
  private void fail(
      Deployment d, Instant at, Status status, String code, String message, boolean rollback) {
    for (LifecycleEvent event : d.lifecycleEvents()) {
      if ("Pending".equals(event.status())) {
        event.finish("Skipped", at, null, null);
      } else if ("InProgress".equals(event.status())) {
        event.finish("Failed", at, "UnknownError", message);
      }
    }
    if (d.hook != null) {
      d.hook.closed = true;
    }
    d.status = status;
    d.errorCode = code;
    d.errorMessage = message;
    d.completeTime = at;
    d.targetStatus = "Failed";
    d.stage = Stage.DONE;
    touch(d, at);
    codeDeploy.finished(d);
    if (!rollback || d.rollbackOf().isPresent()) {
      return;
    }
    if (d.green == null || d.blue == null) {
      d.rollbackMessage =
          "Automatic rollback was not performed because no replacement task set had been created";
      return;
    }
    startRollback(d, at);
  }

  private void startRollback(Deployment original, Instant at) {
    var rollback =
        new Deployment(
            codeDeploy.newDeploymentId(),
            original.group(),
            original.configName(),
            TrafficRouting.ALL_AT_ONCE,
            at,
            null,
            "codeDeployRollback",
            original.previousRevision() != null ? original.previousRevision() : original.revision(),
            original.revision(),
            null,
            AutoRollback.NONE,
            null,
            AlarmSettings.NONE,
            null,
            original);
    original.rollbackDeploymentId = rollback.id();
    original.rollbackMessage = "Rolled back by deployment " + rollback.id();
    rollback.rollbackMessage = "Rolling back deployment " + original.id();
    codeDeploy.register(rollback);
    rollback.status = Status.InProgress;
    rollback.startTime = at;
    rollback.targetStatus = "InProgress";
    rollback.blue = original.green;
    rollback.green = original.blue;
    rollback.stage = Stage.ROLLBACK;
    rollback.stageStartedAt = at;
    rollback.currentEvent().start(at);
    // Blue serves everything again at once; green drains and is removed when the rollback ends.
    router.forwardAll(original.group().productionListenerArn(), original.blue.targetGroupName());
    if (original.group().testListenerArn() != null) {
      router.forwardAll(original.group().testListenerArn(), original.blue.targetGroupName());
    }
    original.blue.setStatus("PRIMARY", at);
    original.green.setStatus("DRAINING", at);
    rollback.greenWeight = 100;
    advance(rollback, at);
  }

  private void finishRollback(Deployment rollback, Instant at) {
    deleteTaskSet(rollback, rollback.blue);
    rollback.currentEvent().finish("Succeeded", at, "Success", null);
    rollback.targetStatus = "Succeeded";
    rollback.status = Status.Succeeded;
    rollback.completeTime = at;
    rollback.stage = Stage.DONE;
    touch(rollback, at);
    codeDeploy.finished(rollback);
  }

  private void succeed(Deployment d, Instant at) {
    deleteTaskSet(d, d.blue);
    d.status = Status.Succeeded;
    d.completeTime = at;
    d.stage = Stage.DONE;
    touch(d, at);
    codeDeploy.finished(d);
  }

  private void deleteTaskSet(Deployment d, TaskSet taskSet) {
    if (taskSet != null) {
      ecs.service(d.group().clusterName(), d.group().serviceName())
          .ifPresent(service -> ecs.deleteTaskSet(service, taskSet));
    }
  }

  private static void touch(Deployment d, Instant at) {
    if (d.lastUpdatedAt == null || at.isAfter(d.lastUpdatedAt)) {
      d.lastUpdatedAt = at;
    }
  }
}
