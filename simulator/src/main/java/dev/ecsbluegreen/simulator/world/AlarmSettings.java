package dev.ecsbluegreen.simulator.world;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The CloudWatch alarms that stop a deployment ({@code alarmConfiguration}). */
public record AlarmSettings(boolean enabled, List<String> alarmNames) {

  public static final AlarmSettings NONE = new AlarmSettings(false, List.of());

  static AlarmSettings from(JsonNode config) {
    if (config == null || config.isMissingNode() || config.isNull()) {
      return NONE;
    }
    List<String> names = new ArrayList<>();
    config.path("alarms").forEach(a -> names.add(a.path("name").asText()));
    return new AlarmSettings(config.path("enabled").asBoolean(false), List.copyOf(names));
  }
}
