package dev.ecsbluegreen.operator.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.ecsbluegreen.operator.errors.Causes;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Says in one line what is wrong with a manifest, in the manifest's terms (a field path such as
 * {@code spec.hook}, a line and column), not in the parser's: Jackson and SnakeYAML messages span
 * several lines and name Java classes.
 */
final class ManifestProblem {
  private ManifestProblem() {}

  /** Why the file is not YAML, with where. */
  static String ofYaml(Exception failure) {
    var found = Causes.find(failure, JsonProcessingException.class);
    if (found.isEmpty()) {
      return firstLine(failure);
    }
    var parse = found.get();
    var statements =
        parse.getOriginalMessage().lines().filter(line -> !line.startsWith(" ")).toList();
    var problem = statements.isEmpty() ? firstLine(parse) : statements.get(statements.size() - 1);
    var context =
        statements.size() > 1 && !statements.get(0).equals(problem)
            ? " (" + statements.get(0) + ")"
            : "";
    var where = parse.getLocation();
    return (where == null || where.getLineNr() < 1
            ? ""
            : "line " + where.getLineNr() + ", column " + where.getColumnNr() + ": ")
        + problem.trim()
        + context;
  }

  /** Why a YAML document is not a valid release: the field and what it should hold. */
  static String ofRelease(Exception failure) {
    var found = Causes.find(failure, JsonMappingException.class);
    if (found.isEmpty()) {
      return firstLine(failure);
    }
    var mapping = found.get();
    var field = path(mapping);
    if (mapping instanceof UnrecognizedPropertyException unknown) {
      return field + ": unknown field" + suggestion(unknown);
    }
    if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      var got =
          mismatch instanceof InvalidFormatException format
              ? ", not '" + format.getValue() + "'"
              : "";
      return field + ": expected " + expected(mismatch.getTargetType()) + got;
    }
    return field + ": " + firstLine(Causes.root(mapping));
  }

  private static String suggestion(UnrecognizedPropertyException unknown) {
    var known =
        unknown.getKnownPropertyIds() == null
            ? java.util.List.<String>of()
            : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
    var close =
        known.stream()
            .filter(name -> distance(name, unknown.getPropertyName()) <= 2)
            .findFirst()
            .map(name -> " (did you mean '" + name + "'?)")
            .orElse("");
    return close + (known.isEmpty() ? "" : "; known fields: " + String.join(", ", known));
  }

  private static String expected(Class<?> type) {
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(String::valueOf)
              .collect(Collectors.joining(", "));
    }
    if (Number.class.isAssignableFrom(type)
        || (type.isPrimitive() && type != boolean.class && type != char.class)) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    return Map.class.isAssignableFrom(type) ? "a map" : "an object";
  }

  private static String path(JsonMappingException mapping) {
    var path = new StringBuilder();
    for (var step : mapping.getPath()) {
      if (step.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
      } else if (step.getIndex() >= 0) {
        path.append('[').append(step.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "the document" : path.toString();
  }

  /** Edit distance, to suggest the field a typo meant. */
  private static int distance(String a, String b) {
    var previous = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      var current = new int[b.length() + 1];
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      previous = current;
    }
    return previous[b.length()];
  }

  private static String firstLine(Throwable failure) {
    var message =
        failure instanceof JsonProcessingException parse
            ? parse.getOriginalMessage()
            : failure.getMessage();
    return message == null
        ? failure.getClass().getSimpleName()
        : message.lines().findFirst().orElse("");
  }
}
