package dev.ecsbluegreen.simulator.events;

import dev.ecsbluegreen.simulator.world.Ids;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account's default EventBridge bus: any simulated service publishes its events here with one
 * call, {@code bus.publish(event)}; every matching rule delivers the event's envelope to its SQS
 * queue, as at-least-once and unordered as {@link EventDeliveryFaults} make it.
 */
public final class EventBus {

  private static final Logger log = LoggerFactory.getLogger(EventBus.class);

  private final String account;
  private final String region;
  private final Ids ids;
  private final SqsQueues queues;
  private final EventDeliveryFaults faults;
  private final List<EventRule> rules = new CopyOnWriteArrayList<>();

  public EventBus(
      String account, String region, Ids ids, SqsQueues queues, EventDeliveryFaults faults) {
    this.account = account;
    this.region = region;
    this.ids = ids;
    this.queues = queues;
    this.faults = faults;
  }

  /** Adds a rule (PutRule with an SQS target); its queue is created if missing. */
  public void putRule(EventRule rule) {
    rules.removeIf(r -> r.name().equals(rule.name()));
    rules.add(rule);
    queues.create(rule.queue(), null);
  }

  public List<EventRule> rules() {
    return List.copyOf(rules);
  }

  public EventDeliveryFaults faults() {
    return faults;
  }

  /** Delivers the event to every matching rule's queue, applying delivery faults per copy. */
  public void publish(AwsEvent event) {
    for (EventRule rule : rules) {
      if (!rule.matches(event)) {
        continue;
      }
      String id = ids.uuid();
      String body = event.envelope(id, account, region).toString();
      List<Duration> copies = faults.deliveries(event.state());
      if (copies.isEmpty()) {
        log.debug(
            "Dropped event {} {} for rule {}", event.detailType(), event.state(), rule.name());
      }
      // Each copy is its own SQS message, as a duplicate delivery by EventBridge would be.
      for (Duration delay : copies) {
        queues.deliver(rule.queue(), ids.uuid(), body, event.time().plus(delay));
      }
    }
  }
}
