package dev.ecsbluegreen.simulator.world;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Moves ECS service deployments through their lifecycle stages in simulated time: scale up the
 * target revision, shift test traffic, shift production traffic in the strategy's steps, bake,
 * clean up; lifecycle hooks at each hookable stage; rollback on a failed hook, an alarm, a hook
 * timeout or a stop. Every step is a wake-up on the world's scheduler, tagged with the deployment's
 * epoch so that steps planned before a change of course (rollback, stop) do nothing.
 */
final class ServiceDeploymentEngine {

  /** The stages a deployment runs through, in order. */
  static final List<String> STAGES =
      List.of(
          "RECONCILE_SERVICE",
          "PRE_SCALE_UP",
          "SCALE_UP",
          "POST_SCALE_UP",
          "TEST_TRAFFIC_SHIFT",
          "POST_TEST_TRAFFIC_SHIFT",
          "PRE_PRODUCTION_TRAFFIC_SHIFT",
          "PRODUCTION_TRAFFIC_SHIFT",
          "POST_PRODUCTION_TRAFFIC_SHIFT",
          "BAKE_TIME",
          "CLEAN_UP");

  private static final List<String> ROLLBACK_HOOK_STAGES =
      List.of("TEST_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT");

  private final EcsState ecs;
  private final TrafficRouter router;
  private final EcsHookRunner hooks;
  private final Alarms alarms;
  private final Scheduler scheduler;
  private final Timings timings;
  private final Ids ids;
  private final EcsDeploymentEvents events;
  private final Consumer<Consumer<Instant>> inWorld;

  ServiceDeploymentEngine(
      EcsState ecs,
      TrafficRouter router,
      EcsHookRunner hooks,
      Alarms alarms,
      Scheduler scheduler,
      Timings timings,
      Ids ids,
      EcsDeploymentEvents events,
      Consumer<Consumer<Instant>> inWorld) {
    this.ecs = ecs;
    this.router = router;
    this.hooks = hooks;
    this.alarms = alarms;
    this.scheduler = scheduler;
    this.timings = timings;
    this.ids = ids;
    this.events = events;
    this.inWorld = inWorld;
  }

  /** Schedules a step unless the deployment changed course or ended in between. */
  private void wake(ServiceDeployment d, Instant at, Consumer<Instant> step) {
    int epoch = d.epoch();
    scheduler.at(
        at,
        when -> {
          if (d.epoch() != epoch || d.isFinished()) {
            return;
          }
          if (!d.isRollingBack() && alarmRollback(d, when)) {
            return;
          }
          step.accept(when);
        });
  }

  // ---- forward ----

  void start(ServiceDeployment d, Instant at) {
    wake(
        d,
        at.plus(timings.startDelay()),
        t -> {
          d.setStatus("IN_PROGRESS", null, t);
          events.inProgress(d, "ECS deployment " + d.ecsDeploymentId() + " in progress.", t);
          enter(d, 0, t);
        });
  }

  private void enter(ServiceDeployment d, int index, Instant at) {
    String stage = STAGES.get(index);
    // ECS reports no PRE_PRODUCTION_TRAFFIC_SHIFT stage; its hooks run as production shift begins.
    d.enterStage(
        stage.equals("PRE_PRODUCTION_TRAFFIC_SHIFT") ? "PRODUCTION_TRAFFIC_SHIFT" : stage, at);
    switch (stage) {
      case "SCALE_UP" -> scaleUp(d, index, at);
      case "TEST_TRAFFIC_SHIFT" -> shiftTestTraffic(d, index, at);
      case "PRODUCTION_TRAFFIC_SHIFT" ->
          productionStep(d, index, 0, at.plus(timings.listenerUpdate()));
      case "BAKE_TIME" -> wake(d, at.plus(d.settings().bakeTime()), t -> runHooks(d, index, 0, t));
      case "CLEAN_UP" -> wake(d, at.plus(timings.listenerUpdate()), t -> succeed(d, t));
      default -> runHooks(d, index, 0, at);
    }
  }

  private void scaleUp(ServiceDeployment d, int index, Instant at) {
    ServiceRevision target = d.target();
    Instant readyAt = at.plus(timings.taskStartup());
    TaskSet tasks =
        ecs.createTaskSet(
            d.service(),
            target.taskDefinition(),
            target.targetGroupName(),
            null,
            "ACTIVE",
            at,
            readyAt);
    target.setTasks(tasks);
    if (tasks.readyAt() == null) {
      wake(
          d,
          at.plus(timings.installTimeout()),
          t ->
              rollback(
                  d,
                  "The tasks of service revision "
                      + target.arn()
                      + " did not become healthy (SIM_UNHEALTHY).",
                  t));
    } else {
      wake(d, readyAt, t -> runHooks(d, index, 0, t));
    }
  }

  private void shiftTestTraffic(ServiceDeployment d, int index, Instant at) {
    NativeLoadBalancer lb = d.target().loadBalancer();
    wake(
        d,
        at.plus(timings.listenerUpdate()),
        t -> {
          if (lb != null && lb.testListenerArn() != null) {
            router.forwardAll(lb.testListenerArn(), d.target().targetGroupName());
          }
          d.setWeights(100, 0, t);
          runHooks(d, index, 0, t);
        });
  }

  private void productionStep(ServiceDeployment d, int index, int step, Instant at) {
    List<Double> steps = d.settings().productionSteps();
    wake(
        d,
        at,
        t -> {
          double weight = steps.get(step);
          NativeLoadBalancer lb = d.target().loadBalancer();
          if (lb != null) {
            router.split(
                lb.productionListenerArn(), sourceGroup(d), d.target().targetGroupName(), weight);
          }
          d.setWeights(d.targetTestWeight(), weight, t);
          if (step + 1 < steps.size()) {
            productionStep(d, index, step + 1, t.plus(d.settings().stepBake()));
          } else {
            runHooks(d, index, 0, t);
          }
        });
  }

  private String sourceGroup(ServiceDeployment d) {
    return d.source().map(ServiceRevision::targetGroupName).orElse(d.target().targetGroupName());
  }

  /** Runs the stage's hooks one after another, then enters the next stage. */
  private void runHooks(ServiceDeployment d, int index, int hook, Instant at) {
    String stage = STAGES.get(index);
    List<DeploymentSettings.LifecycleHookSpec> specs = d.settings().hooksAt(stage);
    if (hook >= specs.size()) {
      if (index + 1 < STAGES.size()) {
        enter(d, index + 1, at);
      }
      return;
    }
    startHook(d, specs.get(hook), at, t -> runHooks(d, index, hook + 1, t));
  }

  private void succeed(ServiceDeployment d, Instant at) {
    d.source().ifPresent(s -> removeTasks(d.service(), s));
    d.service().setServingRevision(d.target());
    d.setStatus("SUCCESSFUL", "Service deployment completed.", at);
    events.completed(d, "ECS deployment " + d.ecsDeploymentId() + " completed.", at);
  }

  // ---- hooks ----

  private void startHook(
      ServiceDeployment d,
      DeploymentSettings.LifecycleHookSpec spec,
      Instant at,
      Consumer<Instant> next) {
    HookRun run = new HookRun(ids.uuid(), spec, at);
    run.onSuccess(next);
    d.addHook(run);
    wake(d, run.expiresAt(), t -> timedOut(d, run, t));
    if (!spec.isPause()) {
      invoke(d, run, at);
    }
  }

  private void invoke(ServiceDeployment d, HookRun run, Instant at) {
    run.invoked();
    int epoch = d.epoch();
    EcsHookRunner.Answer answer =
        hooks.invoke(
            d,
            run,
            at,
            late ->
                inWorld.accept(
                    now -> {
                      if (d.epoch() == epoch) {
                        answered(d, run, late, now);
                      }
                    }));
    if (answer != null && answer.hookStatus() != null) {
      wake(d, answer.at(), t -> answered(d, run, answer, t));
    }
  }

  private void answered(ServiceDeployment d, HookRun run, EcsHookRunner.Answer answer, Instant at) {
    if (!run.isOpen() || d.isFinished()) {
      return;
    }
    switch (answer.hookStatus()) {
      case "SUCCEEDED" -> {
        run.finish("SUCCEEDED");
        d.touch(at);
        run.next().accept(at);
      }
      case "IN_PROGRESS" -> wake(d, at.plus(answer.callBackDelay()), t -> invoke(d, run, t));
      default -> {
        run.finish("FAILED");
        hookFailed(
            d, "Lifecycle hook " + run.spec().hookTargetArn() + " failed: " + answer.reason(), at);
      }
    }
  }

  private void timedOut(ServiceDeployment d, HookRun run, Instant at) {
    if (!run.isOpen()) {
      return;
    }
    run.finish("TIMED_OUT");
    d.touch(at);
    if (run.spec().timeoutAction().equals("CONTINUE")) {
      run.next().accept(at);
    } else {
      String target =
          run.spec().isPause() ? "PAUSE hook " + run.hookId() : run.spec().hookTargetArn();
      hookFailed(d, "Lifecycle hook " + target + " timed out.", at);
    }
  }

  private void hookFailed(ServiceDeployment d, String reason, Instant at) {
    if (d.isRollingBack()) {
      d.setStatus("ROLLBACK_FAILED", reason, at);
      events.failed(d, reason, at);
    } else {
      rollback(d, reason, at);
    }
  }

  /** ContinueServiceDeployment on a PAUSE hook awaiting action. */
  void continueHook(ServiceDeployment d, HookRun run, String action, Instant at) {
    if (action.equals("ROLLBACK")) {
      run.finish("FAILED");
      rollback(d, "Rolled back by ContinueServiceDeployment on hook " + run.hookId() + ".", at);
    } else {
      run.finish("SUCCEEDED");
      d.touch(at);
      run.next().accept(at);
    }
  }

  // ---- alarms ----

  /** Checks the deployment's alarms at a moment alarms may have changed. */
  void checkAlarms(ServiceDeployment d, Instant at) {
    if (!d.isFinished() && !d.isRollingBack()) {
      alarmRollback(d, at);
    }
  }

  private boolean alarmRollback(ServiceDeployment d, Instant at) {
    DeploymentSettings.AlarmSpec spec = d.settings().alarms();
    if (!spec.watched() || !"IN_PROGRESS".equals(d.status())) {
      return false;
    }
    List<String> firing = spec.alarmNames().stream().filter(a -> alarms.inAlarm(a, at)).toList();
    firing.forEach(d::alarmTriggered);
    if (firing.isEmpty() || !spec.rollback()) {
      return false;
    }
    rollback(d, "CloudWatch alarm(s) in ALARM: " + String.join(", ", firing) + ".", at);
    return true;
  }

  // ---- rollback, stop, supersede ----

  /** Sends traffic back to the source revision, runs the traffic hooks again and cleans up. */
  void rollback(ServiceDeployment d, String reason, Instant at) {
    if (d.isFinished() || d.isRollingBack()) {
      return;
    }
    d.changeCourse();
    d.startRollback(reason, at);
    d.setStatus("ROLLBACK_REQUESTED", reason, at);
    events.failed(d, reason, at);
    wake(
        d,
        at.plus(timings.startDelay()),
        t -> {
          d.setStatus("ROLLBACK_IN_PROGRESS", null, t);
          events.inProgress(d, "Rolling back: " + reason, t);
          routeToSource(d);
          d.setWeights(0, 0, t);
          rollbackHooks(d, 0, 0, t);
        });
  }

  private void rollbackHooks(ServiceDeployment d, int stageIndex, int hook, Instant at) {
    if (stageIndex >= ROLLBACK_HOOK_STAGES.size()) {
      d.enterStage("CLEAN_UP", at);
      wake(d, at.plus(timings.rollback()), t -> rolledBack(d, t));
      return;
    }
    String stage = ROLLBACK_HOOK_STAGES.get(stageIndex);
    if (hook == 0) {
      d.enterStage(stage, at);
    }
    var specs = d.settings().hooksAt(stage);
    if (hook >= specs.size()) {
      rollbackHooks(d, stageIndex + 1, 0, at);
    } else {
      startHook(d, specs.get(hook), at, t -> rollbackHooks(d, stageIndex, hook + 1, t));
    }
  }

  private void rolledBack(ServiceDeployment d, Instant at) {
    removeTasks(d.service(), d.target());
    d.setStatus("ROLLBACK_SUCCESSFUL", null, at);
    events.completed(
        d, "ECS deployment " + d.ecsDeploymentId() + " rolled back: " + d.statusReason(), at);
  }

  /** A newer UpdateService took over: this deployment stops where it is and its tasks go. */
  void supersede(ServiceDeployment d, ServiceDeployment newer, Instant at) {
    d.changeCourse();
    routeToSource(d);
    removeTasks(d.service(), d.target());
    String reason = "Superseded by service deployment " + newer.arn() + ".";
    d.setStatus("STOPPED", reason, at);
    events.failed(d, reason, at);
  }

  private void routeToSource(ServiceDeployment d) {
    NativeLoadBalancer lb = d.target().loadBalancer();
    if (lb == null || d.source().isEmpty()) {
      return;
    }
    String group = d.source().get().targetGroupName();
    router.forwardAll(lb.productionListenerArn(), group);
    if (lb.testListenerArn() != null) {
      router.forwardAll(lb.testListenerArn(), group);
    }
  }

  private void removeTasks(EcsService service, ServiceRevision revision) {
    if (revision.tasks() != null) {
      ecs.deleteTaskSet(service, revision.tasks());
      revision.setTasks(null);
    }
  }
}
