package dev.ecsbluegreen.operator.api;

/**
 * Field paths written the way the API server writes them: {@code spec.hooks[x]}, {@code a[0].b}.
 */
final class FieldPath {
  private FieldPath() {}

  static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  static String index(String path, int index) {
    return path + "[" + index + "]";
  }

  static String key(String path, String key) {
    return path + "[" + key + "]";
  }
}
