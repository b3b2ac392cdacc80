package dev.ecsbluegreen.operator.aws;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that forgets its least recently used entry beyond a size, for caches of what AWS never
 * changes (a task definition revision, an ended deployment): bounded so a long-running operator
 * does not grow with every release it ever saw. Not thread-safe; wrap it.
 */
public final class LruMap<K, V> extends LinkedHashMap<K, V> {
  private final int capacity;

  public LruMap(int capacity) {
    super(16, 0.75f, true);
    this.capacity = capacity;
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    return size() > capacity;
  }
}
