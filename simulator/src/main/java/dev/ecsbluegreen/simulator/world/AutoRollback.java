package dev.ecsbluegreen.simulator.world;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/** Which events roll a deployment back automatically ({@code autoRollbackConfiguration}). */
public record AutoRollback(boolean enabled, Set<String> events) {

  public static final String ON_FAILURE = "DEPLOYMENT_FAILURE";
  public static final String ON_ALARM = "DEPLOYMENT_STOP_ON_ALARM";
  public static final String ON_REQUEST = "DEPLOYMENT_STOP_ON_REQUEST";
  public static final AutoRollback NONE = new AutoRollback(false, Set.of());

  static AutoRollback from(JsonNode config) {
    if (config == null || config.isMissingNode() || config.isNull()) {
      return NONE;
    }
    Set<String> events = new HashSet<>();
    config.path("events").forEach(e -> events.add(e.asText()));
    return new AutoRollback(config.path("enabled").asBoolean(false), Set.copyOf(events));
  }

  public boolean rollsBackOn(String event) {
    return enabled && events.contains(event);
  }
}
