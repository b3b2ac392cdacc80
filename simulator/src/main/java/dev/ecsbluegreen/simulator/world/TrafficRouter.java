package dev.ecsbluegreen.simulator.world;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each listener forwards right now: weighted target groups, and the task set behind each
 * target group. The world writes it under its lock; the data plane reads it from its own threads
 * without taking that lock, so requests through a listener never wait for an API call.
 */
public final class TrafficRouter {

  /** A share of a listener's traffic, in percent. */
  public record WeightedTarget(String targetGroup, double weight) {}

  private final Map<String, List<WeightedTarget>> routes = new ConcurrentHashMap<>();
  private final Map<String, TaskSet> backends = new ConcurrentHashMap<>();

  public List<WeightedTarget> route(String listenerArn) {
    return routes.getOrDefault(listenerArn, List.of());
  }

  /** The task set registered with the target group, or null when none is. */
  public TaskSet backend(String targetGroup) {
    return backends.get(targetGroup);
  }

  void forwardAll(String listenerArn, String targetGroup) {
    routes.put(listenerArn, List.of(new WeightedTarget(targetGroup, 100)));
  }

  void split(String listenerArn, String blueGroup, String greenGroup, double greenWeight) {
    if (greenWeight >= 100) {
      forwardAll(listenerArn, greenGroup);
    } else if (greenWeight <= 0) {
      forwardAll(listenerArn, blueGroup);
    } else {
      routes.put(
          listenerArn,
          List.of(
              new WeightedTarget(blueGroup, 100 - greenWeight),
              new WeightedTarget(greenGroup, greenWeight)));
    }
  }

  void register(String targetGroup, TaskSet taskSet) {
    backends.put(targetGroup, taskSet);
  }

  void deregister(String targetGroup, TaskSet taskSet) {
    backends.remove(targetGroup, taskSet);
  }
}
