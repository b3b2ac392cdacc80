package dev.ecsbluegreen.operator.reconciler.codedeploy;

import dev.ecsbluegreen.operator.aws.CodeDeployGateway;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads deployments of one account, region and role for every release at once: the passes that ask
 * at about the same moment share BatchGetDeployments calls of up to 25 ids. The first caller leads:
 * it waits a moment for others to join, then reads everything asked so far and hands each caller
 * its answer; a caller that asks while a read is under way joins the next one. Every answer comes
 * from a read sent after the question, so a pass never sees a deployment older than the pass.
 */
final class BatchedDeploymentReads {
  static final int BATCH_SIZE = 25;

  private final CodeDeployGateway codeDeploy;
  private final Duration gather;
  private final Map<String, CompletableFuture<Optional<DeploymentSnapshot>>> asked =
      new LinkedHashMap<>();
  private boolean leaderActive;

  /**
   * @param gather how long the leader waits for other passes to join its read
   */
  BatchedDeploymentReads(CodeDeployGateway codeDeploy, Duration gather) {
    this.codeDeploy = codeDeploy;
    this.gather = gather;
  }

  /** The deployments AWS knows among {@code ids}, by id, without their ECS targets. */
  Map<String, DeploymentSnapshot> read(Collection<String> ids) {
    Map<String, CompletableFuture<Optional<DeploymentSnapshot>>> mine = new LinkedHashMap<>();
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
    Map<String, DeploymentSnapshot> answers = new LinkedHashMap<>();
    mine.forEach((id, answer) -> join(answer).ifPresent(d -> answers.put(id, d)));
    return answers;
  }

  /** Reads what was asked, batch after batch, until nobody waits; then steps down. */
  private void lead() {
    pause();
    while (true) {
      Map<String, CompletableFuture<Optional<DeploymentSnapshot>>> batch = new LinkedHashMap<>();
      synchronized (this) {
        var it = asked.entrySet().iterator();
        while (it.hasNext() && batch.size() < BATCH_SIZE) {
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

  private void answer(Map<String, CompletableFuture<Optional<DeploymentSnapshot>>> batch) {
    try {
      Map<String, DeploymentSnapshot> read = new LinkedHashMap<>();
      codeDeploy
          .readDeployments(new ArrayList<>(batch.keySet()))
          .forEach(d -> read.put(d.deploymentId(), d));
      batch.forEach((id, answer) -> answer.complete(Optional.ofNullable(read.get(id))));
    } catch (RuntimeException e) {
      // Each pass whose deployment was in the batch fails as if it had called AWS itself.
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

  private static Optional<DeploymentSnapshot> join(
      CompletableFuture<Optional<DeploymentSnapshot>> answer) {
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
