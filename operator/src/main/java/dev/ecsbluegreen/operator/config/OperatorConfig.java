package dev.ecsbluegreen.operator.config;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the operator runs: which namespaces it watches (empty: all), the default AWS region, an AWS
 * endpoint override (the simulator), and how often it looks at releases.
 *
 * @param fastPoll while green installs, test traffic runs or traffic moves
 * @param slowPoll while baking, awaiting promotion, or waiting for a busy group
 * @param stalledPoll while misconfigured: AWS is asked again only this often
 * @param stepDelay after a step that changed something (intent recorded, deployment created)
 */
public record OperatorConfig(
    Set<String> namespaces,
    String region,
    URI awsEndpoint,
    Duration fastPoll,
    Duration slowPoll,
    Duration stalledPoll,
    Duration stepDelay) {

  public static final String NAMESPACES = "ECS_BLUEGREEN_NAMESPACES";
  public static final String REGION = "AWS_REGION";
  public static final String AWS_ENDPOINT = "ECS_BLUEGREEN_AWS_ENDPOINT";
  public static final String FAST_POLL = "ECS_BLUEGREEN_POLL_FAST";
  public static final String SLOW_POLL = "ECS_BLUEGREEN_POLL_SLOW";
  public static final String STALLED_POLL = "ECS_BLUEGREEN_POLL_STALLED";

  public OperatorConfig {
    namespaces = namespaces == null ? Set.of() : Set.copyOf(namespaces);
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
        Duration.ofMillis(200));
  }

  /**
   * From environment variables: {@value #NAMESPACES} (comma separated), {@value #REGION}, {@value
   * #AWS_ENDPOINT}, and the polls {@value #FAST_POLL}, {@value #SLOW_POLL}, {@value #STALLED_POLL}
   * as ISO-8601 durations (PT5S) or whole seconds.
   */
  public static OperatorConfig fromEnvironment(Map<String, String> env) {
    var defaults = defaults();
    String endpoint = env.get(AWS_ENDPOINT);
    return new OperatorConfig(
        namespaces(env.get(NAMESPACES)),
        env.get(REGION),
        endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint),
        duration(env.get(FAST_POLL), defaults.fastPoll()),
        duration(env.get(SLOW_POLL), defaults.slowPoll()),
        duration(env.get(STALLED_POLL), defaults.stalledPoll()),
        defaults.stepDelay());
  }

  public boolean watchesAllNamespaces() {
    return namespaces.isEmpty();
  }

  public OperatorConfig withAwsEndpoint(URI endpoint) {
    return new OperatorConfig(
        namespaces, region, endpoint, fastPoll, slowPoll, stalledPoll, stepDelay);
  }

  public OperatorConfig withPolls(Duration fast, Duration slow, Duration stalled, Duration step) {
    return new OperatorConfig(namespaces, region, awsEndpoint, fast, slow, stalled, step);
  }

  public OperatorConfig withNamespaces(Set<String> watched) {
    return new OperatorConfig(
        watched, region, awsEndpoint, fastPoll, slowPoll, stalledPoll, stepDelay);
  }

  static Set<String> namespaces(String list) {
    if (list == null || list.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(list.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  static Duration duration(String text, Duration fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    String trimmed = text.trim();
    return trimmed.chars().allMatch(Character::isDigit)
        ? Duration.ofSeconds(Long.parseLong(trimmed))
        : Duration.parse(trimmed);
  }
}
