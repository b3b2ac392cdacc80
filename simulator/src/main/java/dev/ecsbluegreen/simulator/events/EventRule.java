package dev.ecsbluegreen.simulator.events;

import java.util.List;
import java.util.Objects;

/**
 * An EventBridge rule with one SQS target: events whose source and detail type are among the listed
 * ones (an empty list matches any) go to the queue.
 */
public record EventRule(String name, List<String> sources, List<String> detailTypes, String queue) {

  public EventRule {
    Objects.requireNonNull(name, "eventRules[].name is required");
    Objects.requireNonNull(queue, "eventRules[" + name + "].queue is required");
    sources = sources == null ? List.of() : List.copyOf(sources);
    detailTypes = detailTypes == null ? List.of() : List.copyOf(detailTypes);
  }

  boolean matches(AwsEvent event) {
    return (sources.isEmpty() || sources.contains(event.source()))
        && (detailTypes.isEmpty() || detailTypes.contains(event.detailType()));
  }
}
