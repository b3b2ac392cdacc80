package dev.ecsbluegreen.simulator.world;

import dev.ecsbluegreen.simulator.world.Deployment.Stage;
import dev.ecsbluegreen.simulator.world.Deployment.Status;
import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * The unhappy ending of a deployment: marks it Failed or Stopped with its error and, when rollback
 * is asked for and there is a green task set to undo, runs the rollback deployment (creator {@code
 * codeDeployRollback}) that puts all traffic back on blue at once and removes green after the
 * rollback time.
 */
final class Rollbacks {

  private final DeploymentRegistry registry;
  private final EcsState ecs;
  private final TrafficRouter router;
  private final BiConsumer<Deployment, Instant> advance;

  /** {@code advance} moves a new rollback deployment through what is already due. */
  Rollbacks(
      DeploymentRegistry registry,
      EcsState ecs,
      TrafficRouter router,
      BiConsumer<Deployment, Instant> advance) {
    this.registry = registry;
    this.ecs = ecs;
    this.router = router;
    this.advance = advance;
  }

  /**
   * Ends a deployment as Failed or Stopped and, when {@code rollback} is asked for and there is a
   * replacement to undo, starts a rollback deployment.
   */
  void fail(
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
    d.touch(at);
    registry.finished(d);
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
    Deployment rollback = register(original, at);
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
    registry.started(rollback, at);
    advance.accept(rollback, at);
  }

  /** Creates the rollback deployment, links it both ways and gives it the group's active slot. */
  private Deployment register(Deployment original, Instant at) {
    var rollback =
        new Deployment(
            registry.newDeploymentId(),
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
    registry.register(rollback);
    return rollback;
  }

  /** The rollback time has passed: the retired task set goes and the rollback has succeeded. */
  void finish(Deployment rollback, Instant at) {
    ecs.deleteTaskSet(
        rollback.group().clusterName(), rollback.group().serviceName(), rollback.blue);
    rollback.currentEvent().finish("Succeeded", at, "Success", null);
    rollback.targetStatus = "Succeeded";
    rollback.status = Status.Succeeded;
    rollback.completeTime = at;
    rollback.stage = Stage.DONE;
    rollback.touch(at);
    registry.finished(rollback);
  }
}
