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
      return builder().build();
    }
    return builder()
        .releaseToken(status.releaseToken())
        .releaseGeneration(status.releaseGeneration())
        .retryCount(status.retryCount() == null ? 0 : status.retryCount())
        .requestedAt(status.requestedAt())
        .deploymentId(status.deploymentId())
        .deploymentStatus(status.deploymentStatus())
        .rollbackDeploymentId(status.rollbackDeploymentId())
        .taskDefinitionArn(status.taskDefinitionArn())
        .previousTaskDefinitionArn(status.previousTaskDefinitionArn())
        .completedAt(status.completedAt())
        .history(status.history())
        .build();
  }

  /** A new attempt: only the history survives. */
  public Facts intent(String token, long generation, int retries, String at) {
    return builder()
        .releaseToken(token)
        .releaseGeneration(generation)
        .retryCount(retries)
        .requestedAt(at)
        .history(history)
        .build();
  }

  public Facts withDeployment(String id, String state, String rollbackId) {
    return toBuilder()
        .deploymentId(id)
        .deploymentStatus(state)
        .rollbackDeploymentId(rollbackId)
        .build();
  }

  public Facts withTaskDefinitions(String arn, String previousArn) {
    return toBuilder().taskDefinitionArn(arn).previousTaskDefinitionArn(previousArn).build();
  }

  /** The attempt ended: remember when, and put it at the head of the history (newest first). */
  public Facts completed(String at, EcsBlueGreenReleaseStatus.Phase outcome, String message) {
    var entries = new ArrayList<HistoryEntry>();
    entries.add(
        new HistoryEntry(releaseGeneration, deploymentId, taskDefinitionArn, outcome, message, at));
    history.stream().limit(HISTORY_LIMIT - 1L).forEach(entries::add);
    return toBuilder().completedAt(at).history(entries).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return builder()
        .releaseToken(releaseToken)
        .releaseGeneration(releaseGeneration)
        .retryCount(retryCount)
        .requestedAt(requestedAt)
        .deploymentId(deploymentId)
        .deploymentStatus(deploymentStatus)
        .rollbackDeploymentId(rollbackDeploymentId)
        .taskDefinitionArn(taskDefinitionArn)
        .previousTaskDefinitionArn(previousTaskDefinitionArn)
        .completedAt(completedAt)
        .history(history);
  }

  /**
   * Builds facts by name, so a new field is added in one place and two Strings cannot be swapped.
   * Unset fields are null, the retry count 0 and the history empty.
   */
  public static final class Builder {
    private String releaseToken;
    private Long releaseGeneration;
    private Integer retryCount = 0;
    private String requestedAt;
    private String deploymentId;
    private String deploymentStatus;
    private String rollbackDeploymentId;
    private String taskDefinitionArn;
    private String previousTaskDefinitionArn;
    private String completedAt;
    private List<HistoryEntry> history = List.of();

    public Builder releaseToken(String releaseToken) {
      this.releaseToken = releaseToken;
      return this;
    }

    public Builder releaseGeneration(Long releaseGeneration) {
      this.releaseGeneration = releaseGeneration;
      return this;
    }

    public Builder retryCount(Integer retryCount) {
      this.retryCount = retryCount;
      return this;
    }

    public Builder requestedAt(String requestedAt) {
      this.requestedAt = requestedAt;
      return this;
    }

    public Builder deploymentId(String deploymentId) {
      this.deploymentId = deploymentId;
      return this;
    }

    public Builder deploymentStatus(String deploymentStatus) {
      this.deploymentStatus = deploymentStatus;
      return this;
    }

    public Builder rollbackDeploymentId(String rollbackDeploymentId) {
      this.rollbackDeploymentId = rollbackDeploymentId;
      return this;
    }

    public Builder taskDefinitionArn(String taskDefinitionArn) {
      this.taskDefinitionArn = taskDefinitionArn;
      return this;
    }

    public Builder previousTaskDefinitionArn(String previousTaskDefinitionArn) {
      this.previousTaskDefinitionArn = previousTaskDefinitionArn;
      return this;
    }

    public Builder completedAt(String completedAt) {
      this.completedAt = completedAt;
      return this;
    }

    public Builder history(List<HistoryEntry> history) {
      this.history = history;
      return this;
    }

    public Facts build() {
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
          completedAt,
          history);
    }
  }
}
