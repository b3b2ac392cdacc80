package dev.ecsbluegreen.simulator.world;

import java.time.Instant;

/**
 * An ECS service revision: the task definition and load balancer a service ran at one point, with
 * the simulated tasks that serve it (from SCALE_UP until it is cleaned up) behind one group of the
 * target group pair.
 */
public final class ServiceRevision {

  private final String arn;
  private final EcsService service;
  private final TaskDefinition taskDefinition;
  private final NativeLoadBalancer loadBalancer;
  private final String targetGroupName;
  private final int requestedTaskCount;
  private final Instant createdAt;
  private TaskSet tasks;

  ServiceRevision(
      String arn,
      EcsService service,
      TaskDefinition taskDefinition,
      NativeLoadBalancer loadBalancer,
      String targetGroupName,
      int requestedTaskCount,
      Instant createdAt) {
    this.arn = arn;
    this.service = service;
    this.taskDefinition = taskDefinition;
    this.loadBalancer = loadBalancer;
    this.targetGroupName = targetGroupName;
    this.requestedTaskCount = requestedTaskCount;
    this.createdAt = createdAt;
  }

  public String arn() {
    return arn;
  }

  public EcsService service() {
    return service;
  }

  public TaskDefinition taskDefinition() {
    return taskDefinition;
  }

  /** Null for a service without a load balancer. */
  public NativeLoadBalancer loadBalancer() {
    return loadBalancer;
  }

  /** The group of the pair its tasks register with. */
  public String targetGroupName() {
    return targetGroupName;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** Its tasks, or null before SCALE_UP and after CLEAN_UP. */
  public TaskSet tasks() {
    return tasks;
  }

  void setTasks(TaskSet tasks) {
    this.tasks = tasks;
  }

  public int requestedTaskCount() {
    return tasks == null ? 0 : requestedTaskCount;
  }

  public int runningTaskCount(Instant at) {
    return tasks == null ? 0 : tasks.runningCount(at);
  }

  public int pendingTaskCount(Instant at) {
    return requestedTaskCount() - runningTaskCount(at);
  }
}
