package dev.ecsbluegreen.simulator.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * An event as a service hands it to EventBridge: who sent it, what kind it is, the resources it is
 * about and its {@code detail}. {@link #envelope} wraps it the way EventBridge delivers it to a
 * target.
 *
 * @param source e.g. {@code aws.codedeploy}
 * @param detailType e.g. {@code CodeDeploy Deployment State-change Notification}
 * @param resources ARNs the event is about
 * @param detail the service's own fields
 * @param time simulated instant the change happened
 * @param state the value event faults match on (a deployment's {@code START}, {@code SUCCESS}...)
 */
public record AwsEvent(
    String source,
    String detailType,
    List<String> resources,
    ObjectNode detail,
    Instant time,
    String state) {

  public AwsEvent {
    resources = List.copyOf(resources);
  }

  /** The EventBridge envelope: {@code version}, {@code id}, {@code detail-type}, ... */
  public ObjectNode envelope(String id, String account, String region) {
    var json = JsonNodeFactory.instance.objectNode();
    json.put("version", "0");
    json.put("id", id);
    json.put("detail-type", detailType);
    json.put("source", source);
    json.put("account", account);
    json.put("time", DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS)));
    json.put("region", region);
    var arns = json.putArray("resources");
    resources.forEach(arns::add);
    json.set("detail", detail.deepCopy());
    return json;
  }
}
