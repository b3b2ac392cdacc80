package dev.ecsbluegreen.operator.config;

import java.net.URI;
import java.time.Duration;

/**
 * Pushed deployment events: the SQS queue an EventBridge rule fills with CodeDeploy's state
 * changes, and how polling behaves beside it.
 *
 * @param queueUrl the queue; null: no events, polling alone
 * @param safetyPoll while events arrive for a release's deployment, the longest wait between looks
 *     when no transition is predicted (events can be late, duplicated or lost)
 * @param quietAfter a running deployment with no event for this long means the queue has gone quiet
 *     for it: the operator says so and polls it at the normal pace again
 */
public record EventsSettings(URI queueUrl, Duration safetyPoll, Duration quietAfter) {

  /** No queue: polling alone. */
  public static final EventsSettings NONE =
      new EventsSettings(null, Duration.ofMinutes(2), Duration.ofMinutes(2));

  public boolean enabled() {
    return queueUrl != null;
  }
}
