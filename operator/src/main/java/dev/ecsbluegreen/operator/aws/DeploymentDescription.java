package dev.ecsbluegreen.operator.aws;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The marker a deployment's description carries, so the operator recognises its own deployments
 * (and which release and generation they belong to) after a restart. CodeDeploy has no client
 * token. Format: {@code ecs-bluegreen-release/<namespace>/<name>/<uid>/<generation>/<token>}, well
 * under CodeDeploy's 256-character limit.
 */
public final class DeploymentDescription {
  private static final String PREFIX = "ecs-bluegreen-release/";
  private static final Pattern FORMAT =
      Pattern.compile("ecs-bluegreen-release/([^/]+)/([^/]+)/([^/]+)/([0-9]+)/([^/\\s]+)");

  private DeploymentDescription() {}

  public static String of(ReleaseIdentity release) {
    return PREFIX
        + release.namespace()
        + "/"
        + release.name()
        + "/"
        + release.uid()
        + "/"
        + release.generation()
        + "/"
        + release.token();
  }

  /** The release a description names, if it carries the marker. */
  public static Optional<ReleaseIdentity> parse(String description) {
    if (description == null) {
      return Optional.empty();
    }
    var matcher = FORMAT.matcher(description);
    if (!matcher.find()) {
      return Optional.empty();
    }
    return Optional.of(
        new ReleaseIdentity(
            matcher.group(1),
            matcher.group(2),
            matcher.group(3),
            Long.parseLong(matcher.group(4)),
            matcher.group(5)));
  }
}
