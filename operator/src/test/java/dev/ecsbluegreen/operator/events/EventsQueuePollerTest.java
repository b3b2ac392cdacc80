package dev.ecsbluegreen.operator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.aws.EventsQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventsQueuePollerTest {

  /** A queue whose receives answer what the test puts in, or fail when told to. */
  static final class ScriptedQueue implements EventsQueue {
    final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    final List<Message> deleted = new CopyOnWriteArrayList<>();
    final List<Message> released = new CopyOnWriteArrayList<>();
    final CountDownLatch closed = new CountDownLatch(1);
    final CountDownLatch receiving = new CountDownLatch(1);

    @Override
    @SuppressWarnings("unchecked")
    public List<Message> receive() {
      receiving.countDown();
      try {
        Object answer = answers.poll(1, TimeUnit.SECONDS);
        if (answer instanceof RuntimeException e) {
          throw e;
        }
        return answer == null ? List.of() : (List<Message>) answer;
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void delete(List<Message> handled) {
      deleted.addAll(handled);
    }

    @Override
    public void release(List<Message> unhandled) {
      released.addAll(unhandled);
    }

    @Override
    public void close() {
      closed.countDown();
    }
  }

  private static EventsQueue.Message event(String handle, String id, String state) {
    return new EventsQueue.Message(
        handle,
        "{\"source\":\"aws.codedeploy\",\"detail\":{\"deploymentId\":\"%s\",\"state\":\"%s\"}}"
            .formatted(id, state));
  }

  @Test
  void handsOnEventsAndDeletesThemWithTheGarbageBesideThem() {
    var queue = new ScriptedQueue();
    var seen = new CopyOnWriteArrayList<DeploymentStateChange>();
    var flow = EventFlow.on(Clock.systemUTC(), Duration.ofMinutes(2));
    var garbage = new EventsQueue.Message("r2", "not json");
    queue.answers.add(List.of(event("r1", "d-1", "START"), garbage, event("r3", "d-2", "STOP")));

    try (var poller = new EventsQueuePoller(queue, seen::add, flow)) {
      poller.start();
      await().atMost(Duration.ofSeconds(5)).until(() -> queue.deleted.size() == 3);
    }

    assertThat(seen)
        .containsExactly(
            new DeploymentStateChange("d-1", "START", null),
            new DeploymentStateChange("d-2", "STOP", null));
    assertThat(queue.deleted)
        .extracting(EventsQueue.Message::receiptHandle)
        .containsExactly("r1", "r2", "r3");
  }

  @Test
  void aFailingReceiveMeansPollingAndTheNextAnswerMeansEventsAgain() throws Exception {
    var queue = new ScriptedQueue();
    var flow = EventFlow.on(Clock.systemUTC(), Duration.ofMinutes(2));
    flow.heard("d-1");
    queue.answers.add(new IllegalStateException("AccessDenied"));

    try (var poller = new EventsQueuePoller(queue, change -> {}, flow)) {
      poller.start();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> flow.coverage("d-1") == EventFlow.Coverage.POLLED);
      // After the backoff the next receive answers (empty): events count again.
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> flow.coverage("d-1") == EventFlow.Coverage.PUSHED);
    }
  }

  @Test
  void messagesReceivedAfterStoppingAreHandedBackNotHandled() throws Exception {
    var queue = new ScriptedQueue();
    var seen = new CopyOnWriteArrayList<DeploymentStateChange>();
    var poller =
        new EventsQueuePoller(queue, seen::add, EventFlow.on(Clock.systemUTC(), Duration.ZERO));
    poller.start();
    assertThat(queue.receiving.await(5, TimeUnit.SECONDS)).isTrue();
    // Stopped while a long poll waits; then the poll answers.
    poller.close();
    queue.answers.add(List.of(event("r1", "d-1", "SUCCESS")));

    assertThat(queue.closed.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(seen).isEmpty();
    assertThat(queue.deleted).isEmpty();
    assertThat(queue.released).extracting(EventsQueue.Message::receiptHandle).containsExactly("r1");
  }
}
