package dev.ecsbluegreen.operator.reconciler.codedeploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * One kind of read that many releases ask at about the same moment (the service, the deployment
 * group), sent together in calls of up to {@code batchSize} keys. The first caller leads: it waits
 * a moment for others to join, then reads everything asked so far and hands each caller its answer;
 * a caller that asks while a read is under way joins the next one. Every answer comes from a read
 * sent after the question. The same shape as {@link BatchedDeploymentReads}, for any key and
 * answer.
 *
 * @param <K> what a caller asks about
 * @param <V> AWS's answer for one key
 */
final class GatheredReads<K, V> {
  private final int batchSize;
  private final Duration gather;
  private final Function<List<K>, Map<K, V>> reader;
  private final Map<K, CompletableFuture<Optional<V>>> asked = new LinkedHashMap<>();
  private boolean leaderActive;

  /**
   * @param batchSize how many keys one call may carry
   * @param gather how long the leader waits for other callers to join its read
   * @param reader one AWS call for a batch: the answers by key, leaving out keys AWS does not know
   */
  GatheredReads(int batchSize, Duration gather, Function<List<K>, Map<K, V>> reader) {
    this.batchSize = batchSize;
    this.gather = gather;
    this.reader = reader;
  }

  /** AWS's answer for the key, empty when it does not know it. */
  Optional<V> read(K key) {
    CompletableFuture<Optional<V>> answer;
    boolean lead;
    synchronized (this) {
      answer = asked.computeIfAbsent(key, any -> new CompletableFuture<>());
      lead = !leaderActive;
      leaderActive = true;
    }
    if (lead) {
      lead();
    }
    try {
      return answer.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Reads what was asked, batch after batch, until nobody waits; then steps down. */
  private void lead() {
    pause();
    while (true) {
      Map<K, CompletableFuture<Optional<V>>> batch = new LinkedHashMap<>();
      synchronized (this) {
        var it = asked.entrySet().iterator();
        while (it.hasNext() && batch.size() < batchSize) {
          var next = it.next();
          batch.put(next.getKey(), next.getValue());
          it.remove();
        }
        if (batch.isEmpty()) {
          leaderActive = false;
          return;
        }
      }
      try {
        var read = reader.apply(new ArrayList<>(batch.keySet()));
        batch.forEach((key, answer) -> answer.complete(Optional.ofNullable(read.get(key))));
      } catch (RuntimeException e) {
        // Each caller in the batch fails as if it had called AWS itself.
        batch.values().forEach(answer -> answer.completeExceptionally(e));
      }
    }
  }

  private void pause() {
    if (gather.isZero()) {
      return;
    }
    try {
      Thread.sleep(gather.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
