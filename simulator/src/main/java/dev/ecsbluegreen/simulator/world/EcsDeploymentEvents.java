package dev.ecsbluegreen.simulator.world;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The "ECS Deployment State Change" events ECS sends to EventBridge as service deployments move:
 * kept in order for tests and handed to registered listeners (an event bus) as they happen.
 * Listeners run under the world's lock, so they must only hand the event on.
 */
public final class EcsDeploymentEvents {

  public static final String DETAIL_TYPE = "ECS Deployment State Change";

  /** One event; {@link #toEventBridge()} gives the envelope EventBridge delivers. */
  public record Event(
      String id,
      Instant time,
      String account,
      String region,
      String serviceArn,
      String eventType,
      String eventName,
      String deploymentId,
      String reason) {

    public ObjectNode toEventBridge() {
      var json = JsonNodeFactory.instance;
      ObjectNode o = json.objectNode();
      o.put("version", "0");
      o.put("id", id);
      o.put("detail-type", DETAIL_TYPE);
      o.put("source", "aws.ecs");
      o.put("account", account);
      o.put("time", time.toString());
      o.put("region", region);
      o.putArray("resources").add(serviceArn);
      ObjectNode detail = o.putObject("detail");
      detail.put("eventType", eventType);
      detail.put("eventName", eventName);
      detail.put("deploymentId", deploymentId);
      detail.put("updatedAt", time.toString());
      if (reason != null) {
        detail.put("reason", reason);
      }
      return o;
    }
  }

  private final List<Event> events = new ArrayList<>();
  private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
  private final Arns arns;
  private final Ids ids;

  EcsDeploymentEvents(Arns arns, Ids ids) {
    this.arns = arns;
    this.ids = ids;
  }

  /** Every event so far, oldest first. */
  public synchronized List<Event> all() {
    return List.copyOf(events);
  }

  public void onEvent(Consumer<Event> listener) {
    listeners.add(listener);
  }

  void inProgress(ServiceDeployment d, String reason, Instant at) {
    publish(d, "INFO", "SERVICE_DEPLOYMENT_IN_PROGRESS", reason, at);
  }

  void completed(ServiceDeployment d, String reason, Instant at) {
    publish(d, "INFO", "SERVICE_DEPLOYMENT_COMPLETED", reason, at);
  }

  void failed(ServiceDeployment d, String reason, Instant at) {
    publish(d, "ERROR", "SERVICE_DEPLOYMENT_FAILED", reason, at);
  }

  private void publish(ServiceDeployment d, String type, String name, String reason, Instant at) {
    var event =
        new Event(
            ids.uuid(),
            at,
            arns.account(),
            arns.region(),
            d.service().arn(),
            type,
            name,
            d.ecsDeploymentId(),
            reason);
    synchronized (this) {
      events.add(event);
    }
    listeners.forEach(l -> l.accept(event));
  }
}
