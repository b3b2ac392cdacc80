package dev.ecsbluegreen.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsbluegreen.operator.errors.TransientAwsException;
import dev.ecsbluegreen.simulator.world.ManualClock;
import java.time.Duration;
import java.time.Instant;
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

  /** A tick of the grid releases wake up on, and a clock the tests move from just after it. */
  static final Instant TICK = Instant.parse("2025-01-01T00:00:07Z");

  final ManualClock clock = new ManualClock(TICK.plusMillis(10));

  BatchedReads<Item> onSecondsGrid(int batchSize) {
    return new BatchedReads<>(
        batchSize,
        Gather.onGrid(Duration.ofSeconds(1)).withClock(clock.asJavaClock()),
        this::aws,
        Item::id);
  }

  @Test
  void passesThatTrickleInDuringATicksSpreadShareOneRead() throws Exception {
    var reads = onSecondsGrid(25);
    var pool = Executors.newFixedThreadPool(3);
    try {
      List<CompletableFuture<Map<String, Item>>> passes = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String id = "d-" + i;
        passes.add(CompletableFuture.supplyAsync(() -> reads.read(List.of(id)), pool));
        awaitWaiting(reads, i + 1);
      }
      assertThat(calls).as("nothing is sent while the tick's passes may still ask").isEmpty();

      clock.advance(Duration.ofMillis(300));

      for (var pass : passes) {
        assertThat(pass.get(5, TimeUnit.SECONDS)).hasSize(1);
      }
      assertThat(calls).containsExactly(List.of("d-0", "d-1", "d-2"));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFullBatchIsSentAtOnceAndTheTicksLaterPassesFillTheNextOne() throws Exception {
    var reads = onSecondsGrid(2);
    var pool = Executors.newFixedThreadPool(4);
    try {
      var first = CompletableFuture.supplyAsync(() -> reads.read(List.of("d-0")), pool);
      awaitWaiting(reads, 1);
      var second = CompletableFuture.supplyAsync(() -> reads.read(List.of("d-1")), pool);
      // Full: sent with the clock still within the tick's spread.
      assertThat(first.get(5, TimeUnit.SECONDS)).hasSize(1);
      assertThat(second.get(5, TimeUnit.SECONDS)).hasSize(1);

      var third = CompletableFuture.supplyAsync(() -> reads.read(List.of("d-2")), pool);
      awaitWaiting(reads, 1);
      var fourth = CompletableFuture.supplyAsync(() -> reads.read(List.of("d-3")), pool);

      assertThat(third.get(5, TimeUnit.SECONDS)).hasSize(1);
      assertThat(fourth.get(5, TimeUnit.SECONDS)).hasSize(1);
      assertThat(calls).containsExactly(List.of("d-0", "d-1"), List.of("d-2", "d-3"));
    } finally {
      pool.shutdownNow();
    }
  }

  /** Waits until {@code count} ids wait for a read not sent yet. */
  private static void awaitWaiting(BatchedReads<Item> reads, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (reads.waiting() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Only " + reads.waiting() + " of " + count + " ids asked");
      }
      Thread.sleep(5);
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
