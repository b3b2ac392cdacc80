package dev.ecsbluegreen.simulator.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One standard SQS queue: messages become visible at their delivery instant, hide for the
 * visibility timeout once received and stay until deleted. Times are simulated; a long poll waits
 * in wall-clock time (the caller's HTTP timeout is wall-clock) and checks the simulated clock as it
 * waits, so a message that falls due while it waits is handed over.
 */
public final class SqsQueue {

  /** How often a waiting long poll looks again at the simulated clock. */
  private static final Duration RECHECK = Duration.ofMillis(20);

  /** A message as ReceiveMessage hands it out. */
  public record Received(String messageId, String receiptHandle, String md5OfBody, String body) {}

  private static final class Message {
    final String id;
    final String body;
    final String md5;
    Instant visibleAt;
    String receiptHandle;

    Message(String id, String body, Instant visibleAt) {
      this.id = id;
      this.body = body;
      this.md5 = md5(body);
      this.visibleAt = visibleAt;
    }
  }

  private final String name;
  private final String url;
  private final Duration visibilityTimeout;
  private final Map<String, Message> messages = new LinkedHashMap<>();
  private final Map<String, String> receipts = new LinkedHashMap<>();
  private long receiptCounter;

  SqsQueue(String name, String url, Duration visibilityTimeout) {
    this.name = name;
    this.url = url;
    this.visibilityTimeout = visibilityTimeout;
  }

  public String name() {
    return name;
  }

  public String url() {
    return url;
  }

  /** The bodies of the messages not yet deleted, visible or not, oldest first. */
  public synchronized List<String> bodies() {
    return messages.values().stream().map(m -> m.body).toList();
  }

  /** Messages not yet deleted, visible or not. */
  public synchronized int depth() {
    return messages.size();
  }

  synchronized String send(String id, String body, Instant visibleAt) {
    messages.put(id, new Message(id, body, visibleAt));
    notifyAll();
    return md5(body);
  }

  /**
   * Hands out up to {@code max} visible messages, hiding each for {@code visibility} (the queue's
   * timeout when null); waits up to {@code wait} of wall-clock time for the first one.
   */
  public synchronized List<Received> receive(
      int max, Duration visibility, Duration wait, Supplier<Instant> now)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      var taken = take(max, visibility == null ? visibilityTimeout : visibility, now.get());
      long left = deadline - System.nanoTime();
      if (!taken.isEmpty() || left <= 0) {
        return taken;
      }
      long pause = Math.min(left, RECHECK.toNanos());
      wait(pause / 1_000_000, (int) (pause % 1_000_000));
    }
  }

  private List<Received> take(int max, Duration visibility, Instant now) {
    List<Received> taken = new ArrayList<>();
    for (Message m : messages.values()) {
      if (taken.size() == max) {
        break;
      }
      if (m.visibleAt.isAfter(now)) {
        continue;
      }
      m.visibleAt = now.plus(visibility);
      m.receiptHandle = name + "#" + m.id + "#" + (++receiptCounter);
      receipts.put(m.receiptHandle, m.id);
      taken.add(new Received(m.id, m.receiptHandle, m.md5, m.body));
    }
    return taken;
  }

  /**
   * Deletes the message a receipt handle came with; empty when the handle was never handed out. As
   * in SQS, deleting a message that is already gone succeeds.
   */
  public synchronized Optional<Boolean> delete(String receiptHandle) {
    String id = receipts.remove(receiptHandle);
    if (id == null) {
      return Optional.empty();
    }
    return Optional.of(messages.remove(id) != null);
  }

  /** Makes a received message visible again after {@code timeout}; false for an unknown handle. */
  public synchronized boolean changeVisibility(
      String receiptHandle, Duration timeout, Instant now) {
    String id = receipts.get(receiptHandle);
    Message m = id == null ? null : messages.get(id);
    if (m == null || !receiptHandle.equals(m.receiptHandle)) {
      return false;
    }
    m.visibleAt = now.plus(timeout);
    notifyAll();
    return true;
  }

  /** Hex MD5 of the UTF-8 body: what the SDK checks {@code MD5OfBody} against. */
  static String md5(String body) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JVM", e);
    }
  }
}
