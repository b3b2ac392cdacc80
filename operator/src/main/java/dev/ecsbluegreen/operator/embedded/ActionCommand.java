package dev.ecsbluegreen.operator.embedded;

/**
 * The kubectl command a user copies to ask for an action. An action acts once per annotation value,
 * so the command sets a fresh one (the current time, by the user's shell) and overwrites the last.
 */
final class ActionCommand {
  private ActionCommand() {}

  static String annotate(String name, String namespace, String annotation) {
    return "kubectl annotate --overwrite release %s -n %s %s=\"$(date -u +%%FT%%TZ)\""
        .formatted(name, namespace, annotation);
  }
}
