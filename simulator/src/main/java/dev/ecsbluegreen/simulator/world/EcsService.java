package dev.ecsbluegreen.simulator.world;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An ECS service. With the CODE_DEPLOY deployment controller it has task sets CodeDeploy creates;
 * with the ECS controller it has service revisions, the service deployments between them and the
 * deployment configuration the next one runs under.
 */
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
  private final String controllerType;
  private final List<ServiceRevision> revisions = new ArrayList<>();
  private final List<ServiceDeployment> serviceDeployments = new ArrayList<>();
  private int desiredCount;
  private String deploymentGroupArn;
  private NativeLoadBalancer nativeLoadBalancer;
  private DeploymentSettings deploymentSettings = DeploymentSettings.ROLLING;
  private ServiceRevision servingRevision;

  EcsService(
      String cluster,
      String name,
      Arns arns,
      String targetGroupArn,
      String containerName,
      int containerPort,
      int desiredCount,
      Instant createdAt) {
    this(
        cluster,
        name,
        arns,
        "CODE_DEPLOY",
        targetGroupArn,
        containerName,
        containerPort,
        desiredCount,
        createdAt);
  }

  EcsService(
      String cluster,
      String name,
      Arns arns,
      String controllerType,
      String targetGroupArn,
      String containerName,
      int containerPort,
      int desiredCount,
      Instant createdAt) {
    this.controllerType = controllerType;
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

  /** ECS or CODE_DEPLOY. */
  public String controllerType() {
    return controllerType;
  }

  public boolean isEcsControlled() {
    return "ECS".equals(controllerType);
  }

  /** The load balancer with advancedConfiguration, or null (no load balancer, or not ECS). */
  public NativeLoadBalancer nativeLoadBalancer() {
    return nativeLoadBalancer;
  }

  void setNativeLoadBalancer(NativeLoadBalancer loadBalancer) {
    this.nativeLoadBalancer = loadBalancer;
  }

  public DeploymentSettings deploymentSettings() {
    return deploymentSettings;
  }

  void setDeploymentSettings(DeploymentSettings settings) {
    this.deploymentSettings = settings;
  }

  public List<ServiceRevision> revisions() {
    return List.copyOf(revisions);
  }

  void addRevision(ServiceRevision revision) {
    revisions.add(revision);
  }

  /** The revision serving production when no deployment is under way. */
  public ServiceRevision servingRevision() {
    return servingRevision;
  }

  void setServingRevision(ServiceRevision revision) {
    this.servingRevision = revision;
  }

  public List<ServiceDeployment> serviceDeployments() {
    return List.copyOf(serviceDeployments);
  }

  void addServiceDeployment(ServiceDeployment deployment) {
    serviceDeployments.add(deployment);
  }

  /** The newest service deployment, finished or not. */
  public Optional<ServiceDeployment> currentServiceDeployment() {
    return serviceDeployments.isEmpty()
        ? Optional.empty()
        : Optional.of(serviceDeployments.get(serviceDeployments.size() - 1));
  }

  /**
   * The revision the service is asked to run: the target of a deployment going forward, otherwise
   * the serving one (also while a deployment rolls back to it).
   */
  public ServiceRevision wantedRevision() {
    return activeServiceDeployment()
        .filter(d -> !d.isRollingBack())
        .map(ServiceDeployment::target)
        .orElse(servingRevision);
  }

  /** The newest service deployment if it is still under way. */
  public Optional<ServiceDeployment> activeServiceDeployment() {
    return currentServiceDeployment().filter(d -> !d.isFinished());
  }
}
