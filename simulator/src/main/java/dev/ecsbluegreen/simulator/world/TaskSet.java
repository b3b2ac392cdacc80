package dev.ecsbluegreen.simulator.world;

import java.time.Instant;

/**
 * An ECS task set of a CODE_DEPLOY service: a number of simulated tasks running one task definition
 * behind one target group. Its tasks become running at {@code readyAt}, or never if the task
 * definition makes them unhealthy.
 */
public final class TaskSet {

  private final String id;
  private final String arn;
  private final TaskDefinition taskDefinition;
  private final String targetGroupName;
  private final String externalId;
  private final Instant createdAt;
  private final Instant readyAt;
  private final int desiredCount;
  private String status;
  private Instant updatedAt;

  TaskSet(
      String id,
      String arn,
      TaskDefinition taskDefinition,
      String targetGroupName,
      String externalId,
      String status,
      int desiredCount,
      Instant createdAt,
      Instant readyAt) {
    this.id = id;
    this.arn = arn;
    this.taskDefinition = taskDefinition;
    this.targetGroupName = targetGroupName;
    this.externalId = externalId;
    this.status = status;
    this.desiredCount = desiredCount;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
    this.readyAt = taskDefinition.behaviour().unhealthy() ? null : readyAt;
  }

  public String id() {
    return id;
  }

  public String arn() {
    return arn;
  }

  public TaskDefinition taskDefinition() {
    return taskDefinition;
  }

  public String targetGroupName() {
    return targetGroupName;
  }

  /** The CodeDeploy deployment that created it, or null for the service's first task set. */
  public String externalId() {
    return externalId;
  }

  public String status() {
    return status;
  }

  public int desiredCount() {
    return desiredCount;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  /** When its tasks are running and healthy; null if they never will be. */
  public Instant readyAt() {
    return readyAt;
  }

  public boolean isRunningAt(Instant at) {
    return readyAt != null && !at.isBefore(readyAt);
  }

  public int runningCount(Instant at) {
    return isRunningAt(at) ? desiredCount : 0;
  }

  void setStatus(String status, Instant at) {
    this.status = status;
    this.updatedAt = at;
  }
}
