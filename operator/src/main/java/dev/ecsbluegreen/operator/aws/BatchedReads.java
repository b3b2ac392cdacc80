package dev.ecsbluegreen.operator.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Reads things AWS describes by id in batches (deployments, service deployments) for every release
 * of one account, region and role at once: the passes that ask at about the same moment share one
 * call per batch. The first caller leads: it waits a moment for others to join, then reads
 * everything asked so far and hands each caller its answer; a caller that asks while a read is
 * under way joins the next one. Every answer comes from a read sent after the question, so a pass
 * never sees anything older than the pass.
 *
 * @param <T> what one id reads as
 */
public final class BatchedReads<T> {
  /**
   * How long the first pass of a batch waits for others to join it: passes that fall due together
   * (see {@code Requeue}) start within a few milliseconds of each other.
   */
  public static final Duration GATHER = Duration.ofMillis(20);

  private final int batchSize;
  private final Duration gather;
  private final Function<List<String>, ? extends Collection<T>> read;
  private final Function<T, String> idOf;
  private final Map<String, CompletableFuture<Optional<T>>> asked = new LinkedHashMap<>();
  private boolean leaderActive;

  /**
   * @param batchSize the most ids one AWS call accepts
   * @param gather how long the leader waits for other passes to join its read
   * @param read one AWS call for at most {@code batchSize} ids; ids AWS does not know are left out
   * @param idOf the id an answer is for
   */
  public BatchedReads(
      int batchSize,
      Duration gather,
      Function<List<String>, ? extends Collection<T>> read,
      Function<T, String> idOf) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, not " + batchSize);
    }
    this.batchSize = batchSize;
    this.gather = gather;
    this.read = read;
    this.idOf = idOf;
  }

  /** What AWS knows among {@code ids}, by id; ids it does not know are left out. */
  public Map<String, T> read(Collection<String> ids) {
    Map<String, CompletableFuture<Optional<T>>> mine = new LinkedHashMap<>();
    boolean lead;
    synchronized (this) {
      for (String id : ids) {
        mine.put(id, asked.computeIfAbsent(id, any -> new CompletableFuture<>()));
      }
      lead = !leaderActive;
      leaderActive = true;
    }
    if (lead) {
      lead();
    }
    Map<String, T> answers = new LinkedHashMap<>();
    mine.forEach((id, answer) -> join(answer).ifPresent(found -> answers.put(id, found)));
    return answers;
  }

  /** Reads what was asked, batch after batch, until nobody waits; then steps down. */
  private void lead() {
    pause();
    while (true) {
      Map<String, CompletableFuture<Optional<T>>> batch = new LinkedHashMap<>();
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
      answer(batch);
    }
  }

  private void answer(Map<String, CompletableFuture<Optional<T>>> batch) {
    try {
      Map<String, T> found = new LinkedHashMap<>();
      read.apply(new ArrayList<>(batch.keySet()))
          .forEach(item -> found.put(idOf.apply(item), item));
      batch.forEach((id, answer) -> answer.complete(Optional.ofNullable(found.get(id))));
    } catch (RuntimeException e) {
      // Each pass whose id was in the batch fails as if it had called AWS itself.
      batch.values().forEach(answer -> answer.completeExceptionally(e));
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

  private static <T> Optional<T> join(CompletableFuture<Optional<T>> answer) {
    try {
      return answer.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
