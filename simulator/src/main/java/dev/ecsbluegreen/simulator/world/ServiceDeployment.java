package dev.ecsbluegreen.simulator.world;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One ECS service deployment: from a source revision to a target revision under a deployment
 * configuration. {@link ServiceDeploymentEngine} moves it; the API reads it.
 */
public final class ServiceDeployment {

  /** Statuses after which nothing changes. */
  static final Set<String> TERMINAL =
      Set.of("SUCCESSFUL", "STOPPED", "ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED");

  /** Why and when a rollback started, and the revision it returns to. */
  public record Rollback(String reason, Instant startedAt, String serviceRevisionArn) {}

  private final String arn;
  private final String id;
  private final String ecsDeploymentId;
  private final long ordinal;
  private final EcsService service;
  private final ServiceRevision source;
  private final ServiceRevision target;
  private final DeploymentSettings settings;
  private final Instant createdAt;
  private final List<HookRun> stageHooks = new ArrayList<>();
  private final Set<String> triggeredAlarms = new LinkedHashSet<>();
  private String status = "PENDING";
  private String statusReason;
  private String lifecycleStage;
  private Instant startedAt;
  private Instant finishedAt;
  private Instant stoppedAt;
  private Instant updatedAt;
  private Rollback rollback;
  private double targetTestWeight;
  private double targetProductionWeight;
  private int epoch;

  ServiceDeployment(
      String arn,
      String id,
      String ecsDeploymentId,
      long ordinal,
      EcsService service,
      ServiceRevision source,
      ServiceRevision target,
      DeploymentSettings settings,
      Instant createdAt) {
    this.arn = arn;
    this.id = id;
    this.ecsDeploymentId = ecsDeploymentId;
    this.ordinal = ordinal;
    this.service = service;
    this.source = source;
    this.target = target;
    this.settings = settings;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  public String arn() {
    return arn;
  }

  /** The last part of the ARN. */
  public String id() {
    return id;
  }

  /** The {@code ecs-svc/...} id the service's deployments list and ECS's events carry. */
  public String ecsDeploymentId() {
    return ecsDeploymentId;
  }

  long ordinal() {
    return ordinal;
  }

  public EcsService service() {
    return service;
  }

  /** The revision serving before the deployment, or empty for a service's first deployment. */
  public Optional<ServiceRevision> source() {
    return Optional.ofNullable(source);
  }

  public ServiceRevision target() {
    return target;
  }

  public DeploymentSettings settings() {
    return settings;
  }

  public String status() {
    return status;
  }

  public String statusReason() {
    return statusReason;
  }

  /** Null before the deployment starts. */
  public String lifecycleStage() {
    return lifecycleStage;
  }

  /** The hooks of the stage in progress (or of the last stage that ran hooks). */
  public List<HookRun> stageHooks() {
    return List.copyOf(stageHooks);
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Instant finishedAt() {
    return finishedAt;
  }

  public Instant stoppedAt() {
    return stoppedAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public Optional<Rollback> rollback() {
    return Optional.ofNullable(rollback);
  }

  public double targetTestWeight() {
    return targetTestWeight;
  }

  public double targetProductionWeight() {
    return targetProductionWeight;
  }

  public List<String> triggeredAlarms() {
    return List.copyOf(triggeredAlarms);
  }

  /** The alarm monitor's status as DescribeServiceDeployments reports it. */
  public String alarmStatus() {
    if (!settings.alarms().watched()) {
      return "DISABLED";
    }
    if (!triggeredAlarms.isEmpty()) {
      return "TRIGGERED";
    }
    return isFinished() ? "MONITORING_COMPLETE" : "MONITORING";
  }

  public boolean isFinished() {
    return TERMINAL.contains(status);
  }

  public boolean isRollingBack() {
    return status.startsWith("ROLLBACK_") && !isFinished();
  }

  public Optional<HookRun> hook(String hookId) {
    return stageHooks.stream().filter(h -> h.hookId().equals(hookId)).findFirst();
  }

  // ---- changed by the engine only ----

  /** Bumped when the deployment changes course, so wake-ups scheduled before are dropped. */
  int epoch() {
    return epoch;
  }

  void changeCourse() {
    epoch++;
  }

  void setStatus(String status, String reason, Instant at) {
    this.status = status;
    if (reason != null) {
      this.statusReason = reason;
    }
    touch(at);
    if ("IN_PROGRESS".equals(status) && startedAt == null) {
      startedAt = at;
    }
    if (isFinished()) {
      finishedAt = at;
      if (status.equals("STOPPED")) {
        stoppedAt = at;
      }
    }
  }

  void enterStage(String stage, Instant at) {
    this.lifecycleStage = stage;
    stageHooks.clear();
    touch(at);
  }

  void addHook(HookRun run) {
    stageHooks.add(run);
  }

  void startRollback(String reason, Instant at) {
    rollback = new Rollback(reason, at, source == null ? null : source.arn());
  }

  void setWeights(double test, double production, Instant at) {
    targetTestWeight = test;
    targetProductionWeight = production;
    touch(at);
  }

  void alarmTriggered(String name) {
    triggeredAlarms.add(name);
  }

  void touch(Instant at) {
    updatedAt = at;
  }
}
