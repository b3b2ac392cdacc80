package dev.ecsbluegreen.simulator.world;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An ECS service using the CODE_DEPLOY deployment controller, with its task sets. */
public final class EcsService {

  private final String cluster;
  private final String name;
  private final String arn;
  private final String clusterArn;
  private final String targetGroupArn;
  private final String containerName;
  private final int containerPort;
  private final Instant createdAt;
  private final List<TaskSet> taskSets = new ArrayList<>();
  private int desiredCount;
  private String deploymentGroupArn;

  EcsService(
      String cluster,
      String name,
      Arns arns,
      String targetGroupArn,
      String containerName,
      int containerPort,
      int desiredCount,
      Instant createdAt) {
    this.cluster = cluster;
    this.name = name;
    this.arn = arns.service(cluster, name);
    this.clusterArn = arns.cluster(cluster);
    this.targetGroupArn = targetGroupArn;
    this.containerName = containerName;
    this.containerPort = containerPort;
    this.desiredCount = desiredCount;
    this.createdAt = createdAt;
  }

  public String cluster() {
    return cluster;
  }

  public String name() {
    return name;
  }

  public String arn() {
    return arn;
  }

  public String clusterArn() {
    return clusterArn;
  }

  public String targetGroupArn() {
    return targetGroupArn;
  }

  public String containerName() {
    return containerName;
  }

  public int containerPort() {
    return containerPort;
  }

  public int desiredCount() {
    return desiredCount;
  }

  void setDesiredCount(int desiredCount) {
    this.desiredCount = desiredCount;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public List<TaskSet> taskSets() {
    return List.copyOf(taskSets);
  }

  /** The task set serving production traffic; a CODE_DEPLOY service always has one. */
  public Optional<TaskSet> primary() {
    return taskSets.stream().filter(ts -> "PRIMARY".equals(ts.status())).findFirst();
  }

  void addTaskSet(TaskSet taskSet) {
    taskSets.add(taskSet);
  }

  void removeTaskSet(TaskSet taskSet) {
    taskSets.remove(taskSet);
  }

  /** The deployment group bound to this service; ECS allows one. */
  public String deploymentGroupArn() {
    return deploymentGroupArn;
  }

  void bindDeploymentGroup(String arn) {
    this.deploymentGroupArn = arn;
  }
}
