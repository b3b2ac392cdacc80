package dev.ecsbluegreen.simulator.world;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A CodeDeploy ECS blue/green deployment: identity, settings copied from its group at creation, and
 * the state {@link DeploymentEngine} moves forward. Readers get a consistent view because every
 * access happens under the world's lock.
 */
public final class Deployment {

  /** Statuses in AWS spelling ({@code DeploymentStatus}). */
  public enum Status {
    Created,
    InProgress,
    Ready,
    Succeeded,
    Failed,
    Stopped;

    public boolean isTerminal() {
      return this == Succeeded || this == Failed || this == Stopped;
    }
  }

  /** Where the engine is; the lifecycle event index says which event for {@code EVENT}. */
  enum Stage {
    WAITING_TO_START,
    EVENT,
    READY_WAIT,
    TERMINATION_WAIT,
    ROLLBACK,
    DONE
  }

  static final List<String> EVENT_NAMES =
      List.of(
          "BeforeInstall",
          "Install",
          "AfterInstall",
          "AllowTestTraffic",
          "AfterAllowTestTraffic",
          "BeforeAllowTraffic",
          "AllowTraffic",
          "AfterAllowTraffic");

  private static final java.util.concurrent.atomic.AtomicLong ORDINALS =
      new java.util.concurrent.atomic.AtomicLong();

  private final long ordinal = ORDINALS.incrementAndGet();
  private final String id;
  private final DeploymentGroup group;
  private final String groupName;
  private final String configName;
  private final TrafficRouting routing;
  private final ObjectNode groupSnapshot;
  private final Instant createTime;
  private final String description;
  private final String creator;
  private final ObjectNode revision;
  private final ObjectNode previousRevision;
  private final String appSpecContent;
  private final AutoRollback autoRollback;
  private final ObjectNode autoRollbackJson;
  private final AlarmSettings alarms;
  private final ObjectNode overrideAlarmJson;
  private final List<LifecycleEvent> events;
  private final Deployment rollbackOf;

  Status status = Status.Created;
  String targetStatus = "Pending";
  Instant startTime;
  Instant completeTime;
  Instant lastUpdatedAt;
  String errorCode;
  String errorMessage;
  String rollbackDeploymentId;
  String rollbackMessage;
  AppSpec appSpec;
  TaskSet blue;
  TaskSet green;
  double greenWeight;
  boolean testTrafficOnGreen;

  Stage stage = Stage.WAITING_TO_START;
  int eventIndex;
  int trafficStep;
  Instant stageStartedAt;
  Instant wakeAt;
  HookExecution hook;
  // Every hook execution id this deployment handed out, so a late report of an earlier event's hook
  // is told that event completed, as AWS does, rather than that the id is unknown.
  final Set<String> hookExecutionIds = new HashSet<>();
  Instant readyDeadline;
  Instant terminationEnd;

  Deployment(
      String id,
      DeploymentGroup group,
      String configName,
      TrafficRouting routing,
      Instant createTime,
      String description,
      String creator,
      ObjectNode revision,
      ObjectNode previousRevision,
      String appSpecContent,
      AutoRollback autoRollback,
      ObjectNode autoRollbackJson,
      AlarmSettings alarms,
      ObjectNode overrideAlarmJson,
      Deployment rollbackOf) {
    this.id = id;
    this.group = group;
    this.groupName = group.name();
    this.configName = configName;
    this.routing = routing;
    this.groupSnapshot = group.settings().deepCopy();
    this.createTime = createTime;
    this.description = description;
    this.creator = creator;
    this.revision = revision;
    this.previousRevision = previousRevision;
    this.appSpecContent = appSpecContent;
    this.autoRollback = autoRollback;
    this.autoRollbackJson = autoRollbackJson;
    this.alarms = alarms;
    this.overrideAlarmJson = overrideAlarmJson;
    this.rollbackOf = rollbackOf;
    this.events =
        rollbackOf == null
            ? EVENT_NAMES.stream().map(LifecycleEvent::new).toList()
            : List.of(new LifecycleEvent("AllowTraffic"));
    this.lastUpdatedAt = createTime;
  }

  public String id() {
    return id;
  }

  /** Increases with creation order; listing pages resume after one. */
  public long ordinal() {
    return ordinal;
  }

  public DeploymentGroup group() {
    return group;
  }

  public String applicationName() {
    return group.application().name();
  }

  public String groupName() {
    return groupName;
  }

  public String configName() {
    return configName;
  }

  public TrafficRouting routing() {
    return routing;
  }

  /** The group's settings when the deployment was created. */
  public ObjectNode groupSnapshot() {
    return groupSnapshot;
  }

  public Instant createTime() {
    return createTime;
  }

  public Optional<Instant> startTime() {
    return Optional.ofNullable(startTime);
  }

  public Optional<Instant> completeTime() {
    return Optional.ofNullable(completeTime);
  }

  /**
   * Moves lastUpdatedAt forward only: a transition stamped earlier than the last one must not
   * rewind it.
   */
  void touch(Instant at) {
    if (lastUpdatedAt == null || at.isAfter(lastUpdatedAt)) {
      lastUpdatedAt = at;
    }
  }

  public Instant lastUpdatedAt() {
    return lastUpdatedAt;
  }

  public String description() {
    return description;
  }

  public String creator() {
    return creator;
  }

  public ObjectNode revision() {
    return revision;
  }

  public ObjectNode previousRevision() {
    return previousRevision;
  }

  String appSpecContent() {
    return appSpecContent;
  }

  public AutoRollback autoRollback() {
    return autoRollback;
  }

  /** The autoRollbackConfiguration in effect, as given to CreateDeployment or the group's. */
  public ObjectNode autoRollbackJson() {
    return autoRollbackJson;
  }

  public AlarmSettings alarms() {
    return alarms;
  }

  public ObjectNode overrideAlarmJson() {
    return overrideAlarmJson;
  }

  public Status status() {
    return status;
  }

  public String targetStatus() {
    return targetStatus;
  }

  public String errorCode() {
    return errorCode;
  }

  public String errorMessage() {
    return errorMessage;
  }

  public String rollbackDeploymentId() {
    return rollbackDeploymentId;
  }

  /** For a rollback deployment, the deployment it rolls back. */
  public Optional<Deployment> rollbackOf() {
    return Optional.ofNullable(rollbackOf);
  }

  public String rollbackMessage() {
    return rollbackMessage;
  }

  public List<LifecycleEvent> lifecycleEvents() {
    return events;
  }

  /** The original task set being replaced (for a rollback: the one being retired). */
  public Optional<TaskSet> blue() {
    return Optional.ofNullable(blue);
  }

  public Optional<TaskSet> green() {
    return Optional.ofNullable(green);
  }

  /** Green's share of production traffic, in percent. */
  public double greenWeight() {
    return greenWeight;
  }

  public String targetId() {
    return group.clusterName() + ":" + group.serviceName();
  }

  LifecycleEvent currentEvent() {
    return events.get(eventIndex);
  }
}
