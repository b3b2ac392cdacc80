package dev.ecsbluegreen.operator.events;

/**
 * What a pushed event says: a deployment changed state. It is only a reason to look at the release
 * now; the release's pass reads the deployment itself, so a late or repeated event does no harm.
 *
 * @param deploymentId e.g. {@code d-ABCDEF123}
 * @param state CodeDeploy's {@code START}, {@code SUCCESS}, {@code FAILURE}, {@code STOP} or {@code
 *     READY} (kept as sent)
 */
public record DeploymentStateChange(String deploymentId, String state) {}
