package dev.ecsbluegreen.operator.config;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * How the operator runs: which namespaces it watches (empty: all), the default AWS region, an AWS
 * endpoint override (the simulator), and how often it looks at releases.
 *
 * @param fastPoll while green installs, test traffic runs or traffic moves, when nothing predicts
 *     the next transition; also once a predicted one is due but not seen yet
 * @param slowPoll the longest wait while baking, awaiting promotion, between traffic steps, or
 *     waiting for a busy group; a predicted transition is looked at when it falls due
 * @param stalledPoll while misconfigured: AWS is asked again only this often
 * @param stepDelay after a step that changed something (intent recorded, deployment created)
 * @param events the queue of pushed deployment events, and the slower polls while they arrive
 */
public record OperatorConfig(
    Set<String> namespaces,
    String region,
    URI awsEndpoint,
    Duration fastPoll,
    Duration slowPoll,
    Duration stalledPoll,
    Duration stepDelay,
    EventsSettings events) {

  public OperatorConfig {
    namespaces = namespaces == null ? Set.of() : Set.copyOf(namespaces);
    events = events == null ? EventsSettings.NONE : events;
  }

  /** Every namespace, the SDK's region chain, AWS's endpoints, 5 s / 30 s / 3 min polls. */
  public static OperatorConfig defaults() {
    return new OperatorConfig(
        Set.of(),
        null,
        null,
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ofMinutes(3),
        Duration.ofMillis(200),
        EventsSettings.NONE);
  }

  public boolean watchesAllNamespaces() {
    return namespaces.isEmpty();
  }

  public OperatorConfig withAwsEndpoint(URI endpoint) {
    return new OperatorConfig(
        namespaces, region, endpoint, fastPoll, slowPoll, stalledPoll, stepDelay, events);
  }

  public OperatorConfig withPolls(Duration fast, Duration slow, Duration stalled, Duration step) {
    return new OperatorConfig(namespaces, region, awsEndpoint, fast, slow, stalled, step, events);
  }

  public OperatorConfig withNamespaces(Set<String> watched) {
    return new OperatorConfig(
        watched, region, awsEndpoint, fastPoll, slowPoll, stalledPoll, stepDelay, events);
  }

  public OperatorConfig withEvents(EventsSettings settings) {
    return new OperatorConfig(
        namespaces, region, awsEndpoint, fastPoll, slowPoll, stalledPoll, stepDelay, settings);
  }
}
