package dev.ecsbluegreen.operator.reconciler.codedeploy;

import dev.ecsbluegreen.operator.api.v1alpha1.AwsTarget;
import dev.ecsbluegreen.operator.api.v1alpha1.ServiceRef;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.aws.BatchedReads;
import dev.ecsbluegreen.operator.aws.CodeDeployGateway;
import dev.ecsbluegreen.operator.aws.DeploymentDescription;
import dev.ecsbluegreen.operator.aws.DeploymentRequest;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot;
import dev.ecsbluegreen.operator.aws.Gather;
import dev.ecsbluegreen.operator.aws.LruMap;
import dev.ecsbluegreen.operator.events.DeploymentNews;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The one component that reads deployment state, shared by every release of the engine. Releases
 * hand it the deployment ids they wait on; it reads them together with every other release of the
 * same account, region and role (25 per BatchGetDeployments, see {@link BatchedReads}), and reads a
 * deployment's ECS target only when its phase needs it and it may have changed ({@link
 * TargetReads}), and only for a change while pushed events report the deployment. The pass a pushed
 * event sets off reads nothing where the event says all it needs ({@link EventAnswers}), nor does
 * the first pass after this process created the deployment ({@link #created}). Reads go through the
 * operator's own session for the release's account, region and role, so releases that assume the
 * same role share them.
 */
public final class DeploymentTracker {
  /** The most ids one BatchGetDeployments call accepts. */
  static final int BATCH_SIZE = 25;

  /** Deployments whose last read is remembered for the events that answer a pass. */
  static final int REMEMBERED = 10_000;

  /** A deployment and the deployment CodeDeploy started to roll it back (either may be null). */
  public record Tracked(DeploymentSnapshot deployment, DeploymentSnapshot rollback) {}

  private final AwsAccess aws;
  private final Clock clock;
  private final Gather gather;
  private final TargetReads targets;
  private final Predicate<String> pushed;
  private final DeploymentNews news;
  private final Map<CodeDeployGateway, BatchedReads<DeploymentSnapshot>> readers =
      new ConcurrentHashMap<>();
  private final Map<String, EventAnswers.Seen> seen =
      Collections.synchronizedMap(new LruMap<>(REMEMBERED));
  private final Map<String, DeploymentSnapshot> created =
      Collections.synchronizedMap(new LruMap<>(REMEMBERED));

  /**
   * @param targetRefresh how old a running deployment's target may get while nothing is due
   */
  public DeploymentTracker(AwsAccess aws, Clock clock, Duration targetRefresh) {
    this(aws, clock, targetRefresh, id -> false);
  }

  /**
   * @param pushed whether pushed events report a running deployment's state changes now (its id
   *     given): its target is then read only for a change, never on a schedule
   */
  public DeploymentTracker(
      AwsAccess aws, Clock clock, Duration targetRefresh, Predicate<String> pushed) {
    this(aws, clock, targetRefresh, pushed, new DeploymentNews(clock));
  }

  /**
   * @param news what pushed events told and no pass took yet: the pass an event sets off takes its
   *     answer from it where the event says all the pass needs ({@link EventAnswers})
   */
  public DeploymentTracker(
      AwsAccess aws,
      Clock clock,
      Duration targetRefresh,
      Predicate<String> pushed,
      DeploymentNews news) {
    this(aws, clock, targetRefresh, Gather.offGrid(BatchedReads.GATHER), pushed, news);
  }

  DeploymentTracker(AwsAccess aws, Clock clock, Duration targetRefresh, Duration gather) {
    this(aws, clock, targetRefresh, Gather.offGrid(gather), id -> false, new DeploymentNews(clock));
  }

  /**
   * @param gather how long the first pass of a shared read waits for the others: those due on the
   *     same tick of the grid releases wake up on
   */
  public DeploymentTracker(
      AwsAccess aws,
      Clock clock,
      Duration targetRefresh,
      Gather gather,
      Predicate<String> pushed,
      DeploymentNews news) {
    this.aws = aws;
    this.clock = clock;
    this.gather = gather;
    this.targets = new TargetReads(targetRefresh);
    this.pushed = pushed;
    this.news = news;
  }

  /**
   * The deployment (with the ECS target its phase needs) and, when CodeDeploy rolls it back, the
   * rollback deployment (its state is all a release needs of it).
   *
   * @param knownRollbackId the rollback deployment recorded in status, read in the same batch
   * @param service the ECS service the deployment deploys to, whose target id CodeDeploy derives
   *     from its cluster and name: the target is read without listing its id first
   */
  public Tracked track(
      AwsTarget target, String deploymentId, String knownRollbackId, ServiceRef service) {
    return track(target, deploymentId, knownRollbackId, service, false);
  }

  /**
   * As {@link #track(AwsTarget, String, String, ServiceRef)}, for a release that must see each
   * traffic step as it comes (its ShiftingTraffic analysis checks run between the steps): its
   * target is read on the schedule even while pushed events report the deployment, since CodeDeploy
   * sends no event for a step.
   */
  public Tracked track(
      AwsTarget target,
      String deploymentId,
      String knownRollbackId,
      ServiceRef service,
      boolean followsEachStep) {
    var codeDeploy = aws.forTarget(target).codeDeploy();
    var told = news.take(deploymentId);
    var justCreated = created.remove(deploymentId);
    if (knownRollbackId == null && told.isPresent()) {
      var answered = EventAnswers.answer(seen.get(deploymentId), told.get(), clock.instant());
      if (answered.isPresent()) {
        return new Tracked(withTarget(codeDeploy, service, answered.get(), followsEachStep), null);
      }
    }
    if (knownRollbackId == null && justCreated != null && told.isEmpty()) {
      // The first pass after this process created it: a read would only find it created.
      return new Tracked(withTarget(codeDeploy, service, justCreated, followsEachStep), null);
    }
    var reader = readers.computeIfAbsent(codeDeploy, this::reader);
    var read =
        reader.read(
            knownRollbackId == null
                ? List.of(deploymentId)
                : List.of(deploymentId, knownRollbackId));
    var deployment = read.get(deploymentId);
    if (deployment == null) {
      return new Tracked(null, null);
    }
    deployment = withTarget(codeDeploy, service, deployment, followsEachStep);
    String rollbackId = deployment.rollbackDeploymentId();
    if (rollbackId == null) {
      return new Tracked(deployment, null);
    }
    var rollback =
        read.containsKey(rollbackId)
            ? read.get(rollbackId)
            : reader.read(List.of(rollbackId)).get(rollbackId);
    return new Tracked(deployment, rollback);
  }

  /**
   * A deployment this process just created, known from its request: the first pass after it, and
   * the pass its {@code START} event sets off, take it from here instead of reading it. CodeDeploy
   * would say nothing more of a deployment seconds old, and these reads come one a deployment, at
   * the pace deployments are created, so no other pass shares them. Only a request that named its
   * configuration is known this way; the group's configuration is read, to show in the status.
   *
   * @param sentAt when the request was sent
   */
  public void created(String deploymentId, DeploymentRequest request, Instant sentAt) {
    if (request.deploymentConfig() == null) {
      return;
    }
    var deployment = DeploymentSnapshot.created(deploymentId, request, sentAt);
    created.put(deploymentId, deployment);
    seen.put(deploymentId, new EventAnswers.Seen(deployment, clock.instant()));
  }

  /** The deployment with the target its phase needs; remembered, without it, as last seen. */
  private DeploymentSnapshot withTarget(
      CodeDeployGateway codeDeploy,
      ServiceRef service,
      DeploymentSnapshot deployment,
      boolean followsEachStep) {
    Instant now = clock.instant();
    seen.put(deployment.deploymentId(), new EventAnswers.Seen(deployment, now));
    return targets.withTarget(
        codeDeploy,
        List.of(ecsTargetId(service)),
        deployment,
        now,
        !followsEachStep && pushed.test(deployment.deploymentId()));
  }

  /** Deployments without their ECS targets, read together for every release of the gateway. */
  private BatchedReads<DeploymentSnapshot> reader(CodeDeployGateway codeDeploy) {
    return new BatchedReads<>(
        BATCH_SIZE, gather, codeDeploy::readDeployments, DeploymentSnapshot::deploymentId);
  }

  /**
   * CodeDeploy's id of an ECS deployment target: {@code <cluster name>:<service name>} (AWS
   * reference 2.5), the cluster named by its name even where the release gives its ARN.
   */
  static String ecsTargetId(ServiceRef service) {
    String cluster = service.cluster();
    return cluster.substring(cluster.lastIndexOf('/') + 1) + ":" + service.name();
  }

  /**
   * The deployment of this attempt among the group's deployments that ended since {@code since}:
   * CreateDeployment's answer was lost and the deployment ended before a pass looked for it among
   * the active ones. Rollback deployments CodeDeploy started are not ours.
   */
  public Optional<DeploymentSnapshot> findEnded(
      CodeDeployGateway codeDeploy,
      String application,
      String deploymentGroup,
      Instant since,
      String uid,
      String token) {
    return codeDeploy.endedDeployments(application, deploymentGroup, since).stream()
        .filter(d -> !d.isRollback())
        .filter(
            d ->
                DeploymentDescription.parse(d.description())
                    .filter(owner -> owner.uid().equals(uid) && owner.token().equals(token))
                    .isPresent())
        .findFirst();
  }
}
