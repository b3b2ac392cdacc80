package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.api.v1alpha1.TrafficRouting;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot.EcsTarget;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.AutoRollbackEvent;
import software.amazon.awssdk.services.codedeploy.model.BlueGreenDeploymentConfiguration;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.CreateDeploymentRequest;
import software.amazon.awssdk.services.codedeploy.model.DeploymentAlreadyCompletedException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentConfigAlreadyExistsException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentConfigDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentConfigInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentIsNotInReadyStateException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentNotStartedException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentReadyAction;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.DeploymentTarget;
import software.amazon.awssdk.services.codedeploy.model.DeploymentTargetDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentWaitType;
import software.amazon.awssdk.services.codedeploy.model.ECSTarget;
import software.amazon.awssdk.services.codedeploy.model.InvalidDeploymentTargetIdException;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentTargetsResponse;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentsRequest;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocationType;
import software.amazon.awssdk.services.codedeploy.model.TrafficRoutingConfig;

/**
 * {@link CodeDeployGateway} on the AWS SDK's {@link CodeDeployClient}. Reads are batched (25
 * deployments per BatchGetDeployments); a deployment's ECS target costs a
 * BatchGetDeploymentTargets, and a ListDeploymentTargets when its target ids are not known yet.
 */
public final class AwsCodeDeployGateway implements CodeDeployGateway {

  static final int BATCH_SIZE = 25;

  /** The statuses of a deployment that still holds its group. */
  static final List<DeploymentStatus> ACTIVE_STATUSES =
      List.of(
          DeploymentStatus.CREATED,
          DeploymentStatus.QUEUED,
          DeploymentStatus.IN_PROGRESS,
          DeploymentStatus.READY,
          DeploymentStatus.BAKING);

  /** The statuses of a deployment that ended. */
  static final List<DeploymentStatus> ENDED_STATUSES =
      List.of(DeploymentStatus.SUCCEEDED, DeploymentStatus.FAILED, DeploymentStatus.STOPPED);

  private final CodeDeployClient codeDeploy;
  private final CodeDeployClient creating;

  /**
   * Deployment configs seen with the routing their name spells. CodeDeploy cannot change a config,
   * only delete it, so one look per process suffices until a create fails.
   */
  private final Set<String> verifiedConfigs = ConcurrentHashMap.newKeySet();

  private final Map<String, Object> configLocks = new ConcurrentHashMap<>();

  /**
   * @param codeDeploy for everything but CreateDeployment
   * @param creating for CreateDeployment only, configured without SDK retries. CodeDeploy has no
   *     client token; a retry after a lost answer is usually refused (DeploymentLimitExceeded, the
   *     group is busy with the first one), but not if the first deployment already ended, and even
   *     the refusal would first report our own deployment as someone else's. The reconciler's next
   *     pass finds the deployment by the token in its description instead.
   */
  public AwsCodeDeployGateway(CodeDeployClient codeDeploy, CodeDeployClient creating) {
    this.codeDeploy = codeDeploy;
    this.creating = creating;
  }

  @Override
  public String createDeployment(DeploymentRequest request) {
    var builder =
        CreateDeploymentRequest.builder()
            .applicationName(request.application())
            .deploymentGroupName(request.deploymentGroup())
            .deploymentConfigName(request.deploymentConfig())
            .description(request.description())
            .revision(
                r ->
                    r.revisionType(RevisionLocationType.APP_SPEC_CONTENT)
                        .appSpecContent(
                            a ->
                                a.content(request.appSpec().content())
                                    .sha256(request.appSpec().sha256())));
    List<AutoRollbackEvent> events = new ArrayList<>();
    if (request.rollbackOnFailure()) {
      events.add(AutoRollbackEvent.DEPLOYMENT_FAILURE);
    }
    if (request.rollbackOnAlarm()) {
      events.add(AutoRollbackEvent.DEPLOYMENT_STOP_ON_ALARM);
    }
    // Always sent, so the release's policy wins over whatever the group says.
    builder.autoRollbackConfiguration(a -> a.enabled(!events.isEmpty()).events(events));
    if (request.alarms() != null && !request.alarms().isEmpty()) {
      builder.overrideAlarmConfiguration(
          a -> a.enabled(true).alarms(request.alarms().stream().map(n -> alarm(n)).toList()));
    }
    var create = builder.build();
    try {
      return AwsErrors.call(
              "CreateDeployment",
              group(request.application(), request.deploymentGroup()),
              () -> creating.createDeployment(create))
          .deploymentId();
    } catch (RuntimeException e) {
      // The config may be gone (deleted by hand): look at it again before the next create.
      if (request.deploymentConfig() != null) {
        verifiedConfigs.remove(request.deploymentConfig());
      }
      throw e;
    }
  }

  @Override
  public List<DeploymentSnapshot> describeDeployments(Collection<String> deploymentIds) {
    return batchRead(deploymentIds, info -> started(info) ? target(info.deploymentId()) : null);
  }

  @Override
  public List<DeploymentSnapshot> readDeployments(Collection<String> deploymentIds) {
    return batchRead(deploymentIds, info -> null);
  }

  @Override
  public TargetRead readTarget(String deploymentId, List<String> targetIds) {
    try {
      List<String> ids = targetIds.isEmpty() ? listTargetIds(deploymentId) : targetIds;
      try {
        return new TargetRead(ids, ids.isEmpty() ? null : target(deploymentId, ids));
      } catch (DeploymentTargetDoesNotExistException | InvalidDeploymentTargetIdException e) {
        if (targetIds.isEmpty()) {
          throw e;
        }
        // The ids were expected rather than listed, and the deployment's are others: list them.
        return readTarget(deploymentId, List.of());
      }
    } catch (DeploymentNotStartedException e) {
      return new TargetRead(List.of(), null);
    } catch (RuntimeException e) {
      // Already classified (with ListDeploymentTargets) when listing failed; classify keeps it.
      throw AwsErrors.classify(e, "BatchGetDeploymentTargets", "deployment " + deploymentId);
    }
  }

  @Override
  public List<DeploymentSnapshot> activeDeployments(String application, String deploymentGroup) {
    var ids =
        listDeployments(application, deploymentGroup, b -> b.includeOnlyStatuses(ACTIVE_STATUSES));
    return describeDeployments(ids);
  }

  @Override
  public List<DeploymentSnapshot> endedDeployments(
      String application, String deploymentGroup, Instant createdAfter) {
    var ids =
        listDeployments(
            application,
            deploymentGroup,
            b -> b.includeOnlyStatuses(ENDED_STATUSES).createTimeRange(r -> r.start(createdAfter)));
    // Only the description matters for an ended deployment: no per-deployment target reads.
    return batchRead(ids, info -> null);
  }

  private List<String> listDeployments(
      String application, String deploymentGroup, Consumer<ListDeploymentsRequest.Builder> filter) {
    return AwsErrors.call(
        "ListDeployments",
        group(application, deploymentGroup),
        () ->
            codeDeploy
                .listDeploymentsPaginator(
                    b -> {
                      b.applicationName(application).deploymentGroupName(deploymentGroup);
                      filter.accept(b);
                    })
                .deployments()
                .stream()
                .toList());
  }

  /** BatchGetDeployments in chunks of 25, matched by id (AWS may leave unknown ids out). */
  private List<DeploymentSnapshot> batchRead(
      Collection<String> deploymentIds, Function<DeploymentInfo, EcsTarget> targetOf) {
    List<String> ids = List.copyOf(new LinkedHashSet<>(deploymentIds));
    List<DeploymentSnapshot> snapshots = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += BATCH_SIZE) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + BATCH_SIZE));
      // The ids stay out of the message: a batch holds other releases' deployments, in an order
      // that changes, and a release's status must not be rewritten on every failed retry.
      var infos =
          AwsErrors.call(
                  "BatchGetDeployments",
                  "the deployments releases follow",
                  () -> codeDeploy.batchGetDeployments(b -> b.deploymentIds(chunk)))
              .deploymentsInfo();
      for (DeploymentInfo info : infos) {
        snapshots.add(snapshot(info, targetOf.apply(info)));
      }
    }
    return snapshots;
  }

  @Override
  public boolean stopDeployment(String deploymentId, boolean rollback) {
    try {
      codeDeploy.stopDeployment(b -> b.deploymentId(deploymentId).autoRollbackEnabled(rollback));
      return true;
    } catch (DeploymentAlreadyCompletedException e) {
      return false;
    } catch (RuntimeException e) {
      throw AwsErrors.classify(e, "StopDeployment", "deployment " + deploymentId);
    }
  }

  @Override
  public boolean continueDeployment(String deploymentId, WaitType waitType) {
    try {
      codeDeploy.continueDeployment(
          b ->
              b.deploymentId(deploymentId)
                  .deploymentWaitType(DeploymentWaitType.fromValue(waitType.name())));
      return true;
    } catch (DeploymentIsNotInReadyStateException | DeploymentAlreadyCompletedException e) {
      return false;
    } catch (RuntimeException e) {
      throw AwsErrors.classify(e, "ContinueDeployment", "deployment " + deploymentId);
    }
  }

  @Override
  public String ensureDeploymentConfig(TrafficRouting routing) {
    String name = DeploymentConfigNames.of(routing);
    if (routing.type() == TrafficRouting.TrafficRoutingType.AllAtOnce) {
      return name;
    }
    if (verifiedConfigs.contains(name)) {
      return name;
    }
    // Releases applied together create their deployments at the same moment: one of them checks
    // (and creates) the config while the others wait for its answer instead of each asking.
    synchronized (configLocks.computeIfAbsent(name, any -> new Object())) {
      if (verifiedConfigs.contains(name)) {
        return name;
      }
      TrafficRoutingConfig desired = DeploymentConfigNames.trafficRoutingConfig(routing);
      Optional<DeploymentConfigInfo> existing = deploymentConfig(name);
      if (existing.isEmpty()) {
        createDeploymentConfig(name, desired);
      } else if (!Objects.equals(existing.get().trafficRoutingConfig(), desired)) {
        throw new InvalidReleaseException(
            "CodeDeploy deployment config %s exists with a different traffic routing (%s), not %s"
                .formatted(name, existing.get().trafficRoutingConfig(), desired),
            null,
            null);
      }
      verifiedConfigs.add(name);
      return name;
    }
  }

  private Optional<DeploymentConfigInfo> deploymentConfig(String name) {
    try {
      return Optional.of(
          codeDeploy.getDeploymentConfig(b -> b.deploymentConfigName(name)).deploymentConfigInfo());
    } catch (DeploymentConfigDoesNotExistException missing) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw AwsErrors.classify(e, "GetDeploymentConfig", "deployment config " + name);
    }
  }

  private void createDeploymentConfig(String name, TrafficRoutingConfig routing) {
    try {
      codeDeploy.createDeploymentConfig(
          b ->
              b.deploymentConfigName(name)
                  .computePlatform(ComputePlatform.ECS)
                  .trafficRoutingConfig(routing));
    } catch (DeploymentConfigAlreadyExistsException raced) {
      // Another release created it between our read and our create: same name, same content.
    } catch (RuntimeException e) {
      throw AwsErrors.classify(e, "CreateDeploymentConfig", "deployment config " + name);
    }
  }

  private static boolean started(DeploymentInfo info) {
    return info.status() != DeploymentStatus.CREATED && info.status() != DeploymentStatus.QUEUED;
  }

  /** The deployment's ECS target, or null while CodeDeploy has not started it. */
  private DeploymentSnapshot.EcsTarget target(String deploymentId) {
    return readTarget(deploymentId, List.of()).target();
  }

  private List<String> listTargetIds(String deploymentId) {
    List<String> targetIds = new ArrayList<>();
    String next = null;
    do {
      String token = next;
      var page = listTargets(deploymentId, token);
      targetIds.addAll(page.targetIds());
      next = page.nextToken();
    } while (next != null);
    return targetIds;
  }

  private DeploymentSnapshot.EcsTarget target(String deploymentId, List<String> targetIds) {
    List<DeploymentTarget> targets =
        codeDeploy
            .batchGetDeploymentTargets(b -> b.deploymentId(deploymentId).targetIds(targetIds))
            .deploymentTargets();
    return targets.stream()
        .map(DeploymentTarget::ecsTarget)
        .filter(Objects::nonNull)
        .findFirst()
        .map(AwsCodeDeployGateway::ecsTarget)
        .orElse(null);
  }

  /**
   * One page of a deployment's target ids; failures name ListDeploymentTargets, not the batch read.
   */
  private ListDeploymentTargetsResponse listTargets(String deploymentId, String token) {
    try {
      return codeDeploy.listDeploymentTargets(b -> b.deploymentId(deploymentId).nextToken(token));
    } catch (DeploymentNotStartedException e) {
      throw e;
    } catch (RuntimeException e) {
      throw AwsErrors.classify(e, "ListDeploymentTargets", "deployment " + deploymentId);
    }
  }

  private static DeploymentSnapshot.EcsTarget ecsTarget(ECSTarget target) {
    return new DeploymentSnapshot.EcsTarget(
        target.statusAsString(),
        target.lifecycleEvents().stream()
            .map(
                e ->
                    new DeploymentSnapshot.LifecycleEvent(
                        e.lifecycleEventName(), e.statusAsString(), e.startTime(), e.endTime()))
            .toList(),
        target.taskSetsInfo().stream()
            .map(
                t ->
                    new DeploymentSnapshot.TaskSet(
                        t.taskSetLabelAsString(),
                        t.status(),
                        t.trafficWeight() == null ? 0.0 : t.trafficWeight(),
                        t.desiredCount() == null ? 0 : t.desiredCount(),
                        t.runningCount() == null ? 0 : t.runningCount(),
                        t.targetGroup() == null ? null : t.targetGroup().name()))
            .toList());
  }

  static DeploymentSnapshot snapshot(DeploymentInfo info, DeploymentSnapshot.EcsTarget target) {
    var error = info.errorInformation();
    var rollback = info.rollbackInfo();
    return new DeploymentSnapshot(
        info.deploymentId(),
        info.applicationName(),
        info.deploymentGroupName(),
        info.deploymentConfigName(),
        state(info.status()),
        info.description(),
        info.creatorAsString(),
        info.createTime(),
        info.completeTime(),
        error == null ? null : error.codeAsString(),
        error == null ? null : error.message(),
        rollback == null ? null : rollback.rollbackDeploymentId(),
        rollback == null ? null : rollback.rollbackTriggeringDeploymentId(),
        rollback == null ? null : rollback.rollbackMessage(),
        target,
        waits(info.blueGreenDeploymentConfiguration()));
  }

  private static DeploymentSnapshot.Waits waits(BlueGreenDeploymentConfiguration blueGreen) {
    if (blueGreen == null) {
      return DeploymentSnapshot.Waits.NONE;
    }
    var ready = blueGreen.deploymentReadyOption();
    Integer readyWait =
        ready != null && ready.actionOnTimeout() == DeploymentReadyAction.STOP_DEPLOYMENT
            ? Objects.requireNonNullElse(ready.waitTimeInMinutes(), 0)
            : null;
    var terminate = blueGreen.terminateBlueInstancesOnDeploymentSuccess();
    int terminationWait =
        terminate == null || terminate.terminationWaitTimeInMinutes() == null
            ? 0
            : terminate.terminationWaitTimeInMinutes();
    return new DeploymentSnapshot.Waits(readyWait, terminationWait);
  }

  static DeploymentState state(DeploymentStatus status) {
    if (status == null) {
      return DeploymentState.UNKNOWN;
    }
    return switch (status) {
      case CREATED -> DeploymentState.CREATED;
      case QUEUED -> DeploymentState.QUEUED;
      case IN_PROGRESS -> DeploymentState.IN_PROGRESS;
      case BAKING -> DeploymentState.BAKING;
      case READY -> DeploymentState.READY;
      case SUCCEEDED -> DeploymentState.SUCCEEDED;
      case FAILED -> DeploymentState.FAILED;
      case STOPPED -> DeploymentState.STOPPED;
      case UNKNOWN_TO_SDK_VERSION -> DeploymentState.UNKNOWN;
    };
  }

  private static software.amazon.awssdk.services.codedeploy.model.Alarm alarm(String name) {
    return software.amazon.awssdk.services.codedeploy.model.Alarm.builder().name(name).build();
  }

  private static String group(String application, String deploymentGroup) {
    return "deployment group " + application + "/" + deploymentGroup;
  }
}
