package dev.ecsbluegreen.simulator.world;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The ECS side of the world: clusters, CODE_DEPLOY services and task definitions. */
public final class EcsState {

  private final Arns arns;
  private final Ids ids;
  private final TrafficRouter router;
  private final LoadBalancers loadBalancers;
  private final Set<String> clusters = new LinkedHashSet<>();
  private final Map<String, EcsService> services = new LinkedHashMap<>();
  private final TaskDefinitionRegistry taskDefinitions;

  EcsState(Arns arns, Ids ids, TrafficRouter router, LoadBalancers loadBalancers) {
    this.arns = arns;
    this.ids = ids;
    this.router = router;
    this.loadBalancers = loadBalancers;
    this.taskDefinitions = new TaskDefinitionRegistry(arns);
  }

  public TaskDefinitionRegistry taskDefinitions() {
    return taskDefinitions;
  }

  void addCluster(String name) {
    clusters.add(name);
  }

  /** A cluster name from a name or an ARN; "default" when absent, as ECS does. */
  public String clusterName(String nameOrArn) {
    if (nameOrArn == null || nameOrArn.isBlank()) {
      return "default";
    }
    int slash = nameOrArn.lastIndexOf(":cluster/");
    return slash >= 0 ? nameOrArn.substring(slash + ":cluster/".length()) : nameOrArn;
  }

  public String requireCluster(String nameOrArn) {
    String name = clusterName(nameOrArn);
    if (!clusters.contains(name)) {
      throw AwsException.client("ClusterNotFoundException", "Cluster not found.");
    }
    return name;
  }

  /** A service by name or ARN within the cluster. */
  public Optional<EcsService> service(String cluster, String nameOrArn) {
    String name = nameOrArn;
    int slash = nameOrArn.lastIndexOf('/');
    if (nameOrArn.startsWith("arn:") && slash >= 0) {
      name = nameOrArn.substring(slash + 1);
    }
    return Optional.ofNullable(services.get(cluster + "/" + name));
  }

  /** Adds a service built elsewhere (ECS-controller services), refusing a second one by name. */
  void addService(EcsService service) {
    String key = service.cluster() + "/" + service.name();
    if (services.containsKey(key)) {
      throw AwsException.client(
          "InvalidParameterException", "Creation of service was not idempotent.");
    }
    services.put(key, service);
  }

  public Collection<EcsService> services() {
    return services.values();
  }

  /**
   * Creates a CODE_DEPLOY service with its first task set, PRIMARY behind the target group, and
   * points both listeners of the target group's load balancer at it.
   */
  public EcsService createService(
      String cluster,
      String name,
      TaskDefinition taskDefinition,
      String targetGroupArn,
      String containerName,
      int containerPort,
      int desiredCount,
      Instant at,
      Instant tasksReadyAt) {
    if (services.containsKey(cluster + "/" + name)) {
      throw AwsException.client(
          "InvalidParameterException", "Creation of service was not idempotent.");
    }
    var targetGroup =
        loadBalancers
            .targetGroupByArn(targetGroupArn)
            .orElseThrow(
                () ->
                    AwsException.client(
                        "InvalidParameterException",
                        "Unable to assume role and validate the specified targetGroupArn. Target"
                            + " group not found: "
                            + targetGroupArn));
    var service =
        new EcsService(
            cluster, name, arns, targetGroupArn, containerName, containerPort, desiredCount, at);
    services.put(cluster + "/" + name, service);
    var first =
        createTaskSet(
            service, taskDefinition, targetGroup.name(), null, "PRIMARY", at, tasksReadyAt);
    loadBalancers
        .byName(targetGroup.loadBalancer())
        .ifPresent(
            lb -> {
              router.forwardAll(lb.productionListenerArn(), first.targetGroupName());
              router.forwardAll(lb.testListenerArn(), first.targetGroupName());
            });
    return service;
  }

  TaskSet createTaskSet(
      EcsService service,
      TaskDefinition taskDefinition,
      String targetGroupName,
      String externalId,
      String status,
      Instant at,
      Instant readyAt) {
    String id = ids.taskSetId();
    var taskSet =
        new TaskSet(
            id,
            arns.taskSet(service.cluster(), service.name(), id),
            taskDefinition,
            targetGroupName,
            externalId,
            status,
            service.desiredCount(),
            at,
            readyAt);
    service.addTaskSet(taskSet);
    router.register(targetGroupName, taskSet);
    return taskSet;
  }

  /** ECS changes the count of the primary task set; the simulator applies it to new ones. */
  public void setDesiredCount(EcsService service, int desiredCount) {
    if (desiredCount < 0) {
      throw AwsException.client("InvalidParameterException", "desiredCount cannot be negative");
    }
    service.setDesiredCount(desiredCount);
  }

  /**
   * Deletes a deployment's task set; nothing to do when it was never created or its service is
   * gone.
   */
  void deleteTaskSet(String clusterName, String serviceName, TaskSet taskSet) {
    if (taskSet != null) {
      service(clusterName, serviceName).ifPresent(service -> deleteTaskSet(service, taskSet));
    }
  }

  void deleteTaskSet(EcsService service, TaskSet taskSet) {
    service.removeTaskSet(taskSet);
    router.deregister(taskSet.targetGroupName(), taskSet);
  }
}
