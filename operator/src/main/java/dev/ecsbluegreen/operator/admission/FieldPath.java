package dev.ecsbluegreen.operator.admission;

/**
 * Field paths written the way the API server writes them: {@code spec.hooks[x]}, {@code a[0].b}.
 */
public final class FieldPath {
  private FieldPath() {}

  public static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  public static String index(String path, int index) {
    return path + "[" + index + "]";
  }

  public static String key(String path, String key) {
    return path + "[" + key + "]";
  }
}
