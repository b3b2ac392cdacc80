package dev.ecsbluegreen.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsbluegreen.operator.errors.TransientAwsException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchedReadsTest {
  /** What an id reads as: the id and which call read it. */
  record Item(String id, int call) {}

  /** An AWS that knows every id except those ending in GONE, and logs the ids of each call. */
  final List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());

  RuntimeException failReads;

  List<Item> aws(List<String> ids) {
    calls.add(List.copyOf(ids));
    if (failReads != null) {
      throw failReads;
    }
    int call = calls.size();
    return ids.stream().filter(id -> !id.endsWith("GONE")).map(id -> new Item(id, call)).toList();
  }

  BatchedReads<Item> reads(int batchSize, Duration gather) {
    return new BatchedReads<>(batchSize, gather, this::aws, Item::id);
  }

  @ParameterizedTest
  @ValueSource(ints = {20, 25})
  void passesAskingTogetherShareCallsOfAtMostTheBatchSize(int batchSize) throws Exception {
    int passes = 2 * batchSize + 10;
    var reads = reads(batchSize, Duration.ofSeconds(1));

    var answers = askConcurrently(reads, passes);

    assertThat(answers).allSatisfy(a -> assertThat(a).hasSize(1));
    assertThat(calls).extracting(List::size).containsExactly(batchSize, batchSize, 10);
  }

  @Test
  void eachPassGetsItsOwnAnswerAndNothingForAnUnknownId() {
    var reads = reads(20, Duration.ZERO);

    var answer = reads.read(List.of("d-1", "d-GONE"));

    assertThat(answer).containsOnlyKeys("d-1");
    assertThat(answer.get("d-1").id()).isEqualTo("d-1");
  }

  @Test
  void everyAnswerComesFromACallSentAfterTheQuestion() {
    var reads = reads(20, Duration.ZERO);

    int first = reads.read(List.of("d-1")).get("d-1").call();
    int second = reads.read(List.of("d-1")).get("d-1").call();

    assertThat(second).isGreaterThan(first);
    assertThat(calls).hasSize(2);
  }

  @Test
  void aFailedCallFailsEveryPassInItAndTheNextPassReadsAgain() {
    failReads = new TransientAwsException("throttled", "Throttling", true, null);
    var reads = reads(20, Duration.ZERO);

    assertThatThrownBy(() -> reads.read(List.of("d-1"))).isSameAs(failReads);
    failReads = null;

    assertThat(reads.read(List.of("d-1"))).containsOnlyKeys("d-1");
  }

  @Test
  void aLeaderWhoseAnswerIsInReturnsAndAWaitingPassReadsTheRest() throws Exception {
    var secondBatchMayAnswer = new CountDownLatch(1);
    var firstBatchSent = new CountDownLatch(1);
    var firstBatchMayAnswer = new CountDownLatch(1);
    Map<String, String> readBy = new ConcurrentHashMap<>();
    var reads =
        new BatchedReads<Item>(
            1,
            Duration.ZERO,
            ids -> {
              readBy.put(ids.get(0), Thread.currentThread().getName());
              if (ids.equals(List.of("d-first"))) {
                firstBatchSent.countDown();
                await(firstBatchMayAnswer);
              } else {
                await(secondBatchMayAnswer);
              }
              return aws(ids);
            },
            Item::id);
    var pool = Executors.newFixedThreadPool(2, named());
    try {
      var first = CompletableFuture.supplyAsync(() -> reads.read(List.of("d-first")), pool);
      firstBatchSent.await();
      var second = CompletableFuture.supplyAsync(() -> reads.read(List.of("d-second")), pool);
      letTheSecondPassQueue();
      firstBatchMayAnswer.countDown();

      assertThat(first.get(5, TimeUnit.SECONDS)).containsOnlyKeys("d-first");
      assertThat(second).isNotDone();
      secondBatchMayAnswer.countDown();
      assertThat(second.get(5, TimeUnit.SECONDS)).containsOnlyKeys("d-second");
      assertThat(readBy.get("d-second")).isNotEqualTo(readBy.get("d-first"));
    } finally {
      secondBatchMayAnswer.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void aBatchSizeBelowOneIsRefusedNamingIt() {
    assertThatThrownBy(() -> reads(0, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batchSize");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Gives the second pass time to queue its id behind the read under way (if it queues late, it
   * leads its own read and the test still holds, without proving the hand-over).
   */
  private static void letTheSecondPassQueue() throws InterruptedException {
    Thread.sleep(200);
  }

  private static ThreadFactory named() {
    var count = new AtomicInteger();
    return task -> new Thread(task, "pass-" + count.incrementAndGet());
  }

  private static List<Map<String, Item>> askConcurrently(BatchedReads<Item> reads, int passes)
      throws Exception {
    var pool = Executors.newFixedThreadPool(passes);
    try {
      List<CompletableFuture<Map<String, Item>>> futures = new ArrayList<>();
      IntStream.range(0, passes)
          .forEach(
              i ->
                  futures.add(
                      CompletableFuture.supplyAsync(() -> reads.read(List.of("d-" + i)), pool)));
      List<Map<String, Item>> answers = new ArrayList<>();
      for (var future : futures) {
        answers.add(future.get());
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }
}
