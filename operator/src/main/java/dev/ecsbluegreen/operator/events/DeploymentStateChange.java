package dev.ecsbluegreen.operator.events;

import java.time.Instant;

/**
 * What a pushed event says: a deployment changed state. It is a reason to look at the release now,
 * and for the states whose meaning is whole ({@link DeploymentNews}) an answer to that look.
 *
 * @param deploymentId e.g. {@code d-ABCDEF123}
 * @param state CodeDeploy's {@code START}, {@code SUCCESS}, {@code FAILURE}, {@code STOP} or {@code
 *     READY} (kept as sent)
 * @param time when CodeDeploy changed the state (the event's {@code time}, whole seconds), or null
 *     when the event does not say
 */
public record DeploymentStateChange(String deploymentId, String state, Instant time) {
  public static final String START = "START";
  public static final String SUCCESS = "SUCCESS";
}
