package dev.ecsbluegreen.operator.events;

import dev.ecsbluegreen.operator.aws.EventsQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long-polls the events queue on a thread of its own and hands every deployment state change on.
 * Every message received is deleted once handed on: an event only asks for a look at a release, so
 * nothing is lost if that look fails (polling still runs). Messages that are no deployment event
 * are logged and deleted too, or they would come back forever.
 */
final class EventsQueuePoller implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EventsQueuePoller.class);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
  private static final int BODY_SHOWN = 200;

  private final EventsQueue queue;
  private final Consumer<DeploymentStateChange> handler;
  private final EventFlow flow;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;

  EventsQueuePoller(EventsQueue queue, Consumer<DeploymentStateChange> handler, EventFlow flow) {
    this.queue = queue;
    this.handler = handler;
    this.flow = flow;
    this.thread = new Thread(this::run, "events-queue");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    try {
      poll();
    } finally {
      queue.close();
    }
  }

  private void poll() {
    Duration backoff = FIRST_BACKOFF;
    boolean failing = false;
    while (running) {
      List<EventsQueue.Message> messages;
      try {
        messages = queue.receive();
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        flow.receiveFailed();
        if (!failing) {
          log.warn(
              "Could not receive deployment events ({}); polling every release at the normal"
                  + " pace until the queue answers",
              e.getMessage());
          failing = true;
        }
        sleep(backoff);
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
        continue;
      }
      if (!running) {
        // Stopped while the receive waited: hand the messages back at once to whoever reads next
        // (a restarted operator, the new leader) rather than hide them for the visibility timeout.
        releaseQuietly(messages);
        return;
      }
      if (failing) {
        log.info("The events queue answers again");
        failing = false;
      }
      backoff = FIRST_BACKOFF;
      flow.receiveSucceeded();
      handle(messages);
    }
  }

  private void handle(List<EventsQueue.Message> messages) {
    if (messages.isEmpty()) {
      return;
    }
    List<EventsQueue.Message> done = new ArrayList<>(messages.size());
    for (var message : messages) {
      try {
        var change = DeploymentEventReader.read(message.body());
        flow.heard(change);
        handler.accept(change);
      } catch (DeploymentEventReader.UnreadableEvent e) {
        log.warn(
            "Deleting a message from the events queue that is no deployment state change: {}."
                + " Body: {}",
            e.getMessage(),
            abbreviated(message.body()));
      } catch (RuntimeException e) {
        log.warn("Could not hand on a deployment event; polling will catch up", e);
      }
      done.add(message);
    }
    try {
      queue.delete(done);
    } catch (RuntimeException e) {
      // They come back after the visibility timeout and ask for one more look: harmless.
      log.warn("Could not delete {} handled event messages: {}", done.size(), e.getMessage());
    }
  }

  private void releaseQuietly(List<EventsQueue.Message> messages) {
    if (messages.isEmpty()) {
      return;
    }
    try {
      queue.release(messages);
    } catch (RuntimeException e) {
      log.debug("Could not hand back {} event messages: {}", messages.size(), e.getMessage());
    }
  }

  private static String abbreviated(String body) {
    if (body == null) {
      return "(none)";
    }
    return body.length() <= BODY_SHOWN ? body : body.substring(0, BODY_SHOWN) + "...";
  }

  private void sleep(Duration pause) {
    try {
      stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /**
   * Stops polling. A long poll under way is not cut short (an interrupt would make the SDK drop an
   * answer that already took messages off the queue): the thread ends when it answers, hands back
   * what it received and closes the queue's client.
   */
  @Override
  public void close() {
    running = false;
    stopped.countDown();
  }
}
