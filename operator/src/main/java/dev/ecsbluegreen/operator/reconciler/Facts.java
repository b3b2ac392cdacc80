package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.HistoryEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable facts of a release that later passes decide from: which attempt is being released
 * (token), which AWS objects belong to it, and whether it ended. Everything else in status is
 * presentation rebuilt from these and the latest observation.
 *
 * @param requestedAt when the token was recorded: a deployment of this attempt was created after it
 * @param deploymentStatus the last state of the deployment seen, in its engine's words (for
 *     CodeDeploy SUCCEEDED, STOPPED, ...); only the engine reads meaning into it
 * @param completedAt set once the attempt reached its outcome; no AWS polling after that
 */
public record Facts(
    String releaseToken,
    Long releaseGeneration,
    Integer retryCount,
    String requestedAt,
    String deploymentId,
    String deploymentStatus,
    String rollbackDeploymentId,
    String taskDefinitionArn,
    String previousTaskDefinitionArn,
    String completedAt,
    List<HistoryEntry> history) {

  public static final int HISTORY_LIMIT = 10;

  public Facts {
    history = history == null ? List.of() : List.copyOf(history);
  }

  public static Facts from(EcsBlueGreenReleaseStatus status) {
    if (status == null) {
      return new Facts(null, null, 0, null, null, null, null, null, null, null, List.of());
    }
    return new Facts(
        status.releaseToken(),
        status.releaseGeneration(),
        status.retryCount() == null ? 0 : status.retryCount(),
        status.requestedAt(),
        status.deploymentId(),
        status.deploymentStatus(),
        status.rollbackDeploymentId(),
        status.taskDefinitionArn(),
        status.previousTaskDefinitionArn(),
        status.completedAt(),
        status.history());
  }

  /** A new attempt: only the history survives. */
  public Facts intent(String token, long generation, int retries, String at) {
    return new Facts(token, generation, retries, at, null, null, null, null, null, null, history);
  }

  public Facts withDeployment(String id, String state, String rollbackId) {
    return new Facts(
        releaseToken,
        releaseGeneration,
        retryCount,
        requestedAt,
        id,
        state,
        rollbackId,
        taskDefinitionArn,
        previousTaskDefinitionArn,
        completedAt,
        history);
  }

  public Facts withTaskDefinitions(String arn, String previousArn) {
    return new Facts(
        releaseToken,
        releaseGeneration,
        retryCount,
        requestedAt,
        deploymentId,
        deploymentStatus,
        rollbackDeploymentId,
        arn,
        previousArn,
        completedAt,
        history);
  }

  /** The attempt ended: remember when, and put it at the head of the history (newest first). */
  public Facts completed(String at, EcsBlueGreenReleaseStatus.Phase outcome, String message) {
    var entries = new ArrayList<HistoryEntry>();
    entries.add(
        new HistoryEntry(releaseGeneration, deploymentId, taskDefinitionArn, outcome, message, at));
    history.stream().limit(HISTORY_LIMIT - 1L).forEach(entries::add);
    return new Facts(
        releaseToken,
        releaseGeneration,
        retryCount,
        requestedAt,
        deploymentId,
        deploymentStatus,
        rollbackDeploymentId,
        taskDefinitionArn,
        previousTaskDefinitionArn,
        at,
        entries);
  }
}
