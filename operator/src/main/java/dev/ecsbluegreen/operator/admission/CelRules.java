package dev.ecsbluegreen.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates the CRD's {@code x-kubernetes-validations} CEL rules with CEL for Java, the way the API
 * server does: each rule runs where it sits in the schema with {@code self} bound to the value
 * there, a rule on an absent field does not run, and a rule in an array's items runs per element.
 * Objects are CEL maps, so {@code has(self.x)} tests whether the field is set.
 */
final class CelRules {
  private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
  private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

  /**
   * Compiles every rule of the schema now. Compiling takes seconds the first time on a small
   * machine; done lazily, it stalled the embedded API's event loop on the first release it
   * admitted, and every request waiting behind it.
   */
  void compileAll(JsonNode schema) {
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      program(schema, rule.path("rule").asText());
    }
    schema.path("properties").forEach(this::compileAll);
    if (schema.path("items").isObject()) {
      compileAll(schema.get("items"));
    }
    if (schema.path("additionalProperties").isObject()) {
      compileAll(schema.get("additionalProperties"));
    }
  }

  List<String> validate(JsonNode schema, JsonNode object) {
    List<String> errors = new ArrayList<>();
    walk(schema, object, "", errors);
    return errors;
  }

  private void walk(JsonNode schema, JsonNode value, String path, List<String> errors) {
    if (value == null || value.isNull()) {
      return;
    }
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      check(schema, rule, value, path, errors);
    }
    if (value.isObject()) {
      schema
          .path("properties")
          .fields()
          .forEachRemaining(
              p ->
                  walk(
                      p.getValue(),
                      value.get(p.getKey()),
                      FieldPath.child(path, p.getKey()),
                      errors));
      JsonNode additional = schema.get("additionalProperties");
      if (additional != null && additional.isObject()) {
        value
            .fields()
            .forEachRemaining(
                e -> walk(additional, e.getValue(), FieldPath.key(path, e.getKey()), errors));
      }
    } else if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        walk(schema.get("items"), value.get(i), FieldPath.index(path, i), errors);
      }
    }
  }

  private void check(
      JsonNode schema, JsonNode rule, JsonNode value, String path, List<String> errors) {
    String expression = rule.path("rule").asText();
    String fieldPath = rule.path("fieldPath").asText("");
    String reported = fieldPath.isEmpty() ? path : path + fieldPath;
    String shownType = '"' + schema.path("type").asText("object") + '"';
    try {
      Object result = program(schema, expression).eval(Map.of("self", toCel(value)));
      if (!Boolean.TRUE.equals(result)) {
        errors.add(reported + ": Invalid value: " + shownType + ": " + message(rule));
      }
    } catch (CelEvaluationException e) {
      errors.add(
          reported
              + ": Invalid value: "
              + shownType
              + ": rule evaluation error: "
              + e.getMessage());
    }
  }

  private static String message(JsonNode rule) {
    return rule.hasNonNull("message")
        ? rule.get("message").asText()
        : "failed rule: " + rule.path("rule").asText();
  }

  /** Compiles once per rule and place: {@code self} is typed from the schema at the rule. */
  private CelRuntime.Program program(JsonNode schema, String expression) {
    CelType selfType = celType(schema);
    return programs.computeIfAbsent(
        selfType + "|" + expression,
        key -> {
          CelCompiler compiler =
              CelCompilerFactory.standardCelCompilerBuilder()
                  .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                  .addVar("self", selfType)
                  .setResultType(SimpleType.BOOL)
                  .build();
          try {
            return runtime.createProgram(compiler.compile(expression).getAst());
          } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalStateException(
                "CEL rule does not compile: " + expression + ": " + e.getMessage(), e);
          }
        });
  }

  static CelType celType(JsonNode schema) {
    return switch (schema.path("type").asText("")) {
      case "string" -> SimpleType.STRING;
      case "integer" -> SimpleType.INT;
      case "number" -> SimpleType.DOUBLE;
      case "boolean" -> SimpleType.BOOL;
      case "array" ->
          ListType.create(schema.has("items") ? celType(schema.get("items")) : SimpleType.DYN);
      case "object" ->
          schema.path("additionalProperties").isObject()
              ? MapType.create(SimpleType.STRING, celType(schema.get("additionalProperties")))
              : MapType.create(SimpleType.STRING, SimpleType.DYN);
      default -> SimpleType.DYN;
    };
  }

  /** JSON to the Java values CEL's runtime understands (int as long, objects as maps). */
  static Object toCel(JsonNode value) {
    if (value.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      value
          .fields()
          .forEachRemaining(
              e -> {
                if (!e.getValue().isNull()) {
                  map.put(e.getKey(), toCel(e.getValue()));
                }
              });
      return map;
    }
    if (value.isArray()) {
      List<Object> list = new ArrayList<>();
      value.forEach(item -> list.add(toCel(item)));
      return list;
    }
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    if (value.isNumber()) {
      return value.asDouble();
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    return value.asText();
  }
}
