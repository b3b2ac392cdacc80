package dev.ecsbluegreen.simulator.world;

import dev.ecsbluegreen.simulator.world.Deployment.Stage;
import dev.ecsbluegreen.simulator.world.Deployment.Status;
import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * Runs one lifecycle event of a deployment at a time: starts it (invoke its hook, create the green
 * task set, move the test listener, start shifting traffic) and finishes it when its hook reports
 * or times out or its work is done, failing the deployment when the event fails. What comes after
 * an event (the next one, the ready wait, the termination wait) is {@link DeploymentEngine}'s
 * business.
 */
final class LifecycleProgression {

  /** Indexes into {@link Deployment#EVENT_NAMES}. */
  static final int BEFORE_INSTALL = 0;

  static final int INSTALL = 1;
  static final int ALLOW_TEST_TRAFFIC = 3;
  static final int AFTER_ALLOW_TEST_TRAFFIC = 4;
  static final int ALLOW_TRAFFIC = 6;
  static final int AFTER_ALLOW_TRAFFIC = 7;

  private final EcsState ecs;
  private final TrafficRouter router;
  private final HookInvoker hooks;
  private final Timings timings;
  private final Ids ids;
  private final TrafficShifter traffic;
  private final Rollbacks rollbacks;
  private final BiConsumer<Deployment, Instant> eventDone;

  /** {@code eventDone} is told when an event has finished well, at the instant it finished. */
  LifecycleProgression(
      EcsState ecs,
      TrafficRouter router,
      HookInvoker hooks,
      Timings timings,
      Ids ids,
      TrafficShifter traffic,
      Rollbacks rollbacks,
      BiConsumer<Deployment, Instant> eventDone) {
    this.ecs = ecs;
    this.router = router;
    this.hooks = hooks;
    this.timings = timings;
    this.ids = ids;
    this.traffic = traffic;
    this.rollbacks = rollbacks;
    this.eventDone = eventDone;
  }

  /** Starts event {@code index}; events with nothing to wait for finish at once. */
  void begin(Deployment d, int index, Instant at) {
    d.stage = Stage.EVENT;
    d.eventIndex = index;
    d.stageStartedAt = at;
    LifecycleEvent event = d.currentEvent();
    event.start(at);
    d.touch(at);
    switch (index) {
      case INSTALL -> createGreen(d, at);
      case ALLOW_TEST_TRAFFIC -> {
        if (d.group().testListenerArn() == null) {
          event.finish("Skipped", at, null, null);
          eventDone.accept(d, at);
        } else {
          router.forwardAll(d.group().testListenerArn(), d.green.targetGroupName());
          d.testTrafficOnGreen = true;
        }
      }
      case ALLOW_TRAFFIC -> traffic.begin(d);
      default -> beginHook(d, event, at);
    }
  }

  private void beginHook(Deployment d, LifecycleEvent event, Instant at) {
    String name = event.name();
    String function = d.appSpec.hooks().get(name);
    if (function == null) {
      event.finish("Succeeded", at, "Success", null);
      eventDone.accept(d, at);
    } else {
      d.hook =
          new HookExecution(
              ids.uuid(), name, HookInvoker.functionName(function), at.plus(timings.hookTimeout()));
      d.hookExecutionIds.add(d.hook.id);
      hooks.invoke(d, d.hook, at);
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
      rollbacks.fail(
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

  /**
   * Runs what is due in the current event by {@code at}. Returns null after a transition, otherwise
   * the instant the next one is due (the engine's step contract).
   */
  Instant step(Deployment d, Instant at) {
    LifecycleEvent event = d.currentEvent();
    return switch (d.eventIndex) {
      case INSTALL -> stepInstall(d, event, at);
      case ALLOW_TEST_TRAFFIC -> {
        Instant due = d.stageStartedAt.plus(timings.listenerUpdate());
        if (due.isAfter(at)) {
          yield due;
        }
        event.finish("Succeeded", due, "Success", null);
        eventDone.accept(d, due);
        yield null;
      }
      case ALLOW_TRAFFIC -> traffic.step(d, event, at);
      default -> stepHook(d, event, at);
    };
  }

  private Instant stepInstall(Deployment d, LifecycleEvent event, Instant at) {
    Instant ready = d.green.readyAt();
    Instant deadline = d.stageStartedAt.plus(timings.installTimeout());
    if (ready != null && !ready.isAfter(deadline)) {
      if (ready.isAfter(at)) {
        return ready;
      }
      event.finish("Succeeded", ready, "Success", null);
      eventDone.accept(d, ready);
      return null;
    }
    if (deadline.isAfter(at)) {
      return deadline;
    }
    event.finish(
        "Failed", deadline, "ScriptTimedOut", "The replacement task set never became stable");
    rollbacks.fail(
        d,
        deadline,
        Status.Failed,
        "ECS_UPDATE_ERROR",
        "The ECS service cannot be updated due to an unexpected error: the replacement task set"
            + " did not reach a steady state within the timeout",
        d.autoRollback().rollsBackOn(AutoRollback.ON_FAILURE));
    return null;
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
        eventDone.accept(d, hook.resultAt);
      } else {
        hookFailed(d, event, hook);
      }
      return null;
    }
    if (hook.deadline.isAfter(at)) {
      return hook.deadline;
    }
    hook.closed = true;
    event.finish("Failed", hook.deadline, "ScriptTimedOut", "The hook did not report in time");
    rollbacks.fail(
        d,
        hook.deadline,
        Status.Failed,
        "HOOK_EXECUTION_FAILURE",
        "The deployment failed because the %s hook (%s) did not report a status within %d minutes"
            .formatted(event.name(), hook.functionName, timings.hookTimeout().toMinutes()),
        d.autoRollback().rollsBackOn(AutoRollback.ON_FAILURE));
    return null;
  }

  private void hookFailed(Deployment d, LifecycleEvent event, HookExecution hook) {
    String message = hook.resultMessage != null ? hook.resultMessage : "The hook reported Failed";
    event.finish("Failed", hook.resultAt, "ScriptFailed", message);
    rollbacks.fail(
        d,
        hook.resultAt,
        Status.Failed,
        "HOOK_EXECUTION_FAILURE",
        "The deployment failed because the %s hook (%s) failed: %s"
            .formatted(event.name(), hook.functionName, message),
        d.autoRollback().rollsBackOn(AutoRollback.ON_FAILURE));
  }

  /**
   * PutLifecycleEventHookExecutionStatus: records the report; it takes effect when the engine next
   * advances the deployment.
   */
  void recordHookReport(Deployment d, String executionId, String status, Instant at) {
    if (!"Succeeded".equals(status) && !"Failed".equals(status)) {
      throw AwsException.client(
          "InvalidLifecycleEventHookExecutionStatusException",
          "The status must be Succeeded or Failed, was " + status);
    }
    if (!d.hookExecutionIds.contains(executionId)) {
      throw AwsException.client(
          "InvalidLifecycleEventHookExecutionIdException",
          "Unknown lifecycle event hook execution id " + executionId);
    }
    HookExecution hook = d.hook;
    if (hook == null || !hook.id.equals(executionId) || hook.closed || hook.result != null) {
      throw AwsException.client(
          "LifecycleEventAlreadyCompletedException",
          "The lifecycle event for execution " + executionId + " has already completed");
    }
    hook.report(status, at, "Failed".equals(status) ? "The hook reported Failed" : null);
  }
}
