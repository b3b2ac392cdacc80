package dev.ecsbluegreen.operator.aws;

import java.time.Duration;
import java.time.Instant;
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
 * call per batch. The first caller leads: it waits for others to join ({@link Gather}: a moment, or
 * until the passes due on the same tick of the grid have asked, but never once a batch is full),
 * then reads everything asked so far, batch after batch, and hands each caller its answer; a caller
 * that asks while a read is under way joins the next one. Once its own answers are in, the leader
 * hands the rest to a caller still waiting. Every answer comes from a read sent after the question,
 * so a pass never sees anything older than the pass.
 *
 * @param <T> what one id reads as
 */
public final class BatchedReads<T> {
  /**
   * How long the first pass of a batch waits for others to join it when it asks off the grid's
   * ticks (see {@link Gather}).
   */
  public static final Duration GATHER = Duration.ofMillis(20);

  private final int batchSize;
  private final Gather gather;
  private final Function<List<String>, ? extends Collection<T>> read;
  private final Function<T, String> idOf;
  private final Map<String, CompletableFuture<Optional<T>>> asked = new LinkedHashMap<>();
  private boolean leaderActive;

  /** When the ids waiting now are read even if they fill no batch; null while none wait. */
  private Instant sendBy;

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
    this(batchSize, Gather.offGrid(gather), read, idOf);
  }

  /**
   * @param gather how long the leader waits for other passes to join its read, on which clock
   */
  public BatchedReads(
      int batchSize,
      Gather gather,
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
    synchronized (this) {
      if (asked.isEmpty()) {
        sendBy = gather.firstAskerUntil(gather.clock().instant());
      }
      for (String id : ids) {
        mine.put(id, asked.computeIfAbsent(id, any -> new CompletableFuture<>()));
      }
      if (asked.size() >= batchSize) {
        notifyAll(); // a gathering leader sends a full batch at once
      }
    }
    while (mayLead(mine.values())) {
      lead(mine.values());
    }
    Map<String, T> answers = new LinkedHashMap<>();
    mine.forEach((id, answer) -> join(answer).ifPresent(found -> answers.put(id, found)));
    return answers;
  }

  /**
   * Waits until the caller's answers are all in (false) or nobody leads and it may (true): a leader
   * steps down as soon as its own answers are in, so one pass never carries everybody else's reads
   * while its release waits.
   */
  private synchronized boolean mayLead(Collection<CompletableFuture<Optional<T>>> mine) {
    while (!allDone(mine)) {
      if (!leaderActive) {
        leaderActive = true;
        return true;
      }
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for a shared AWS read", e);
      }
    }
    return false;
  }

  /**
   * Reads what was asked, batch after batch in the order asked, until the leader's own answers are
   * in. Each batch leaves when it is full, or when the first of the passes waiting has gathered
   * others as long as {@link Gather} says: passes that asked while a read was under way have waited
   * already, and leave with the next batch.
   */
  private void lead(Collection<CompletableFuture<Optional<T>>> mine) {
    try {
      while (!allDone(mine)) {
        awaitFullBatchOrSendBy();
        Map<String, CompletableFuture<Optional<T>>> batch = new LinkedHashMap<>();
        synchronized (this) {
          var it = asked.entrySet().iterator();
          while (it.hasNext() && batch.size() < batchSize) {
            var next = it.next();
            batch.put(next.getKey(), next.getValue());
            it.remove();
          }
          if (asked.isEmpty()) {
            sendBy = null;
          }
        }
        if (batch.isEmpty()) {
          return; // cannot happen while an answer of ours is missing; never spin if it does
        }
        answer(batch);
        synchronized (this) {
          notifyAll();
        }
      }
    } finally {
      synchronized (this) {
        leaderActive = false;
        notifyAll();
      }
    }
  }

  /** How many ids wait for a read not sent yet. */
  synchronized int waiting() {
    return asked.size();
  }

  private static boolean allDone(Collection<? extends CompletableFuture<?>> answers) {
    return answers.stream().allMatch(CompletableFuture::isDone);
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

  /** Waits until a batch is full or the clock reaches {@link #sendBy}, whichever comes first. */
  private synchronized void awaitFullBatchOrSendBy() {
    while (sendBy != null && asked.size() < batchSize) {
      long left = Duration.between(gather.clock().instant(), sendBy).toMillis();
      if (left <= 0) {
        return;
      }
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
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
