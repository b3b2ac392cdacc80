package dev.ecsbluegreen.simulator.world;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** CodeDeploy resource tags ({@code Key}/{@code Value} on the wire), in insertion order. */
public final class Tags {

  private final Map<String, String> values = new LinkedHashMap<>();

  Tags(JsonNode tagList) {
    add(tagList);
  }

  /** Adds or replaces tags given as a list of {@code {"Key","Value"}} objects. */
  public void add(JsonNode tagList) {
    if (tagList != null) {
      for (JsonNode tag : tagList) {
        values.put(tag.path("Key").asText(), tag.path("Value").asText(""));
      }
    }
  }

  public void remove(JsonNode keys) {
    if (keys != null) {
      keys.forEach(key -> values.remove(key.asText()));
    }
  }

  public Map<String, String> asMap() {
    return Map.copyOf(values);
  }

  public Map<String, String> ordered() {
    return new LinkedHashMap<>(values);
  }
}
