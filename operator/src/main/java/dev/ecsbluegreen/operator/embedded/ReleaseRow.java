package dev.ecsbluegreen.operator.embedded;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/** One release as `kubectl get releases` shows it. */
public record ReleaseRow(
    String namespace,
    String name,
    String phase,
    String green,
    String taskDefinition,
    String deployment,
    String age,
    String message) {

  public static ReleaseRow of(EcsBlueGreenRelease release, Instant now) {
    var status = release.getStatus();
    var metadata = release.getMetadata();
    return new ReleaseRow(
        metadata.getNamespace(),
        metadata.getName(),
        status == null || status.phase() == null ? "" : status.phase().name(),
        status == null || status.traffic() == null || status.traffic().green() == null
            ? ""
            : status.traffic().green().toString(),
        status == null ? "" : orEmpty(status.taskDefinition()),
        status == null ? "" : orEmpty(status.deploymentId()),
        age(metadata.getCreationTimestamp(), now),
        status == null ? "" : orEmpty(status.message()));
  }

  /** What a line-per-change log compares: everything but the age, which changes every second. */
  public ReleaseRow withoutAge() {
    return new ReleaseRow(namespace, name, phase, green, taskDefinition, deployment, "", message);
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /** kubectl's short age: 42s, 3m12s, 2h5m. */
  static String age(String creationTimestamp, Instant now) {
    if (creationTimestamp == null) {
      return "";
    }
    var seconds =
        Math.max(
            0,
            Duration.between(OffsetDateTime.parse(creationTimestamp).toInstant(), now).toSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return (seconds / 60) + "m" + (seconds % 60 == 0 ? "" : (seconds % 60) + "s");
    }
    return (seconds / 3600) + "h" + ((seconds % 3600) / 60) + "m";
  }
}
