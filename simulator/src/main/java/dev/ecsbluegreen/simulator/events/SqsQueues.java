package dev.ecsbluegreen.simulator.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The account's SQS queues, by name. A queue URL is {@code https://sqs.<region>.amazonaws.com/
 * <account>/<name>}; lookups go by the URL's last path segment, so a URL on the simulator's own
 * endpoint finds the same queue.
 */
public final class SqsQueues {

  /** SQS's default visibility timeout. */
  public static final Duration DEFAULT_VISIBILITY = Duration.ofSeconds(30);

  private final String account;
  private final String region;
  private final Map<String, SqsQueue> byName = new ConcurrentHashMap<>();

  public SqsQueues(String account, String region) {
    this.account = account;
    this.region = region;
  }

  /** Creates the queue, or returns it if it exists (CreateQueue is idempotent). */
  public SqsQueue create(String name, Duration visibilityTimeout) {
    return byName.computeIfAbsent(
        name,
        n ->
            new SqsQueue(
                n,
                "https://sqs.%s.amazonaws.com/%s/%s".formatted(region, account, n),
                visibilityTimeout == null ? DEFAULT_VISIBILITY : visibilityTimeout));
  }

  public Optional<SqsQueue> byName(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Optional<SqsQueue> byUrl(String url) {
    if (url == null) {
      return Optional.empty();
    }
    String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    return byName(trimmed.substring(trimmed.lastIndexOf('/') + 1));
  }

  /** SendMessage: the message becomes visible at {@code visibleAt}; answers the body's MD5. */
  public String send(SqsQueue queue, String id, String body, Instant visibleAt) {
    return queue.send(id, body, visibleAt);
  }

  void deliver(String queueName, String id, String body, Instant visibleAt) {
    create(queueName, null).send(id, body, visibleAt);
  }
}
