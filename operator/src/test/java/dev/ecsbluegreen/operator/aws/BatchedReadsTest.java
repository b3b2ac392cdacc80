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
import java.util.concurrent.Executors;
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
  void aBatchSizeBelowOneIsRefusedNamingIt() {
    assertThatThrownBy(() -> reads(0, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batchSize");
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
