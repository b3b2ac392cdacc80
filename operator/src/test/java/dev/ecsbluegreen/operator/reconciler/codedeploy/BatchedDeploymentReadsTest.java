package dev.ecsbluegreen.operator.reconciler.codedeploy;

import static dev.ecsbluegreen.operator.fixtures.Deployments.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsbluegreen.operator.errors.TransientAwsException;
import dev.ecsbluegreen.operator.fixtures.FakeCodeDeployGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchedDeploymentReadsTest {
  final FakeCodeDeployGateway codeDeploy = new FakeCodeDeployGateway();

  @Test
  void passesAskingTogetherShareBatchesOfTwentyFive() throws Exception {
    IntStream.range(0, 60).forEach(i -> codeDeploy.put(deployment("d-" + i).build()));
    var reads = new BatchedDeploymentReads(codeDeploy, Duration.ofSeconds(1));

    var answers = askConcurrently(reads, 60);

    assertThat(answers).allSatisfy(a -> assertThat(a).hasSize(1));
    assertThat(batchSizes()).containsExactly(25, 25, 10);
  }

  @Test
  void eachPassGetsItsOwnDeploymentAndNothingForAnUnknownId() {
    codeDeploy.put(deployment("d-1").build());
    var reads = new BatchedDeploymentReads(codeDeploy, Duration.ZERO);

    var answer = reads.read(List.of("d-1", "d-GONE"));

    assertThat(answer).containsOnlyKeys("d-1");
    assertThat(answer.get("d-1").target()).isNull();
  }

  @Test
  void aFailedBatchFailsEveryPassInItAndTheNextPassReadsAgain() {
    codeDeploy.put(deployment("d-1").build());
    codeDeploy.failReads = new TransientAwsException("throttled", "Throttling", true, null);
    var reads = new BatchedDeploymentReads(codeDeploy, Duration.ZERO);

    assertThatThrownBy(() -> reads.read(List.of("d-1"))).isSameAs(codeDeploy.failReads);
    codeDeploy.failReads = null;

    assertThat(reads.read(List.of("d-1"))).containsOnlyKeys("d-1");
  }

  private List<Integer> batchSizes() {
    return codeDeploy.calls.stream()
        .filter(c -> c.startsWith("ReadDeployments "))
        .map(c -> c.split(", ").length)
        .toList();
  }

  private static List<Map<String, ?>> askConcurrently(BatchedDeploymentReads reads, int passes)
      throws Exception {
    var pool = Executors.newFixedThreadPool(passes);
    try {
      List<CompletableFuture<Map<String, ?>>> futures = new ArrayList<>();
      for (int i = 0; i < passes; i++) {
        String id = "d-" + i;
        futures.add(CompletableFuture.supplyAsync(() -> reads.read(List.of(id)), pool));
      }
      List<Map<String, ?>> answers = new ArrayList<>();
      for (var future : futures) {
        answers.add(future.get());
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }
}
