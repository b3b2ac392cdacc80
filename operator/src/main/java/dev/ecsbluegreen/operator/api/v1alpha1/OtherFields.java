package dev.ecsbluegreen.operator.api.v1alpha1;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ECS fields the model does not type, kept in their original order so they reach
 * RegisterTaskDefinition unchanged. Only Jackson's any-setter adds to it, while the resource is
 * read.
 */
public final class OtherFields {
  private final Map<String, Object> fields = new LinkedHashMap<>();

  void put(String name, Object value) {
    fields.put(name, value);
  }

  public Map<String, Object> asMap() {
    return Collections.unmodifiableMap(fields);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OtherFields that && fields.equals(that.fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return fields.toString();
  }
}
