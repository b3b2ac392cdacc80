package dev.ecsbluegreen.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Validates an object against the CRD's openAPIV3Schema with the JSON-schema library, matching
 * patterns with RE2 as Go does, and words each finding exactly as kube-apiserver does ({@code
 * spec.x: Invalid value: 150: spec.x in body should be less than or equal to 99}), so a test reads
 * like the kubectl error a user sees. ApiServerAdmissionE2E holds the wording to the real server's.
 */
final class SchemaErrors {
  /** The Kubernetes extensions carry no JSON-schema meaning; CEL rules are evaluated elsewhere. */
  private static final List<String> KUBERNETES_KEYWORDS =
      List.of(
          "x-kubernetes-validations",
          "x-kubernetes-preserve-unknown-fields",
          "x-kubernetes-int-or-string",
          "x-kubernetes-embedded-resource",
          "x-kubernetes-list-type",
          "x-kubernetes-list-map-keys",
          "x-kubernetes-map-type",
          "nullable");

  private static final List<String> STRING_CHECKS = List.of("maxLength", "minLength", "pattern");

  private final JsonSchema jsonSchema;

  SchemaErrors(JsonNode openApiV3Schema) {
    JsonMetaSchema metaSchema =
        JsonMetaSchema.builder(JsonMetaSchema.getV4())
            .keywords(KUBERNETES_KEYWORDS.stream().map(NonValidationKeyword::new).toList())
            .build();
    JsonSchemaFactory factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V4, builder -> builder.metaSchema(metaSchema));
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().regularExpressionFactory(Re2Expressions.INSTANCE).build();
    this.jsonSchema = factory.getSchema(withMetaSchema(openApiV3Schema, metaSchema), config);
  }

  private static JsonNode withMetaSchema(JsonNode schema, JsonMetaSchema metaSchema) {
    ObjectNode copy = schema.deepCopy();
    copy.put("$schema", metaSchema.getIri());
    return copy;
  }

  List<Error> validate(JsonNode object) {
    Set<ValidationMessage> messages = jsonSchema.validate(object);
    return messages.stream()
        .filter(message -> !hiddenByAnEarlierStringCheck(message, messages))
        .map(SchemaErrors::toError)
        .sorted(Comparator.comparing(Error::text))
        .toList();
  }

  /**
   * kube-apiserver checks a string's maxLength, then minLength, then pattern, and reports only the
   * first that fails: a 300-character name is too long, not also of the wrong pattern.
   */
  private static boolean hiddenByAnEarlierStringCheck(
      ValidationMessage message, Set<ValidationMessage> all) {
    int rank = STRING_CHECKS.indexOf(message.getType());
    return rank > 0
        && all.stream()
            .anyMatch(
                other ->
                    other.getInstanceLocation().equals(message.getInstanceLocation())
                        && STRING_CHECKS.indexOf(other.getType()) >= 0
                        && STRING_CHECKS.indexOf(other.getType()) < rank);
  }

  /** A numeric bound as Go's %v prints a float64: 3 for 3.0, 0.1 for 0.1. */
  private static String bound(JsonNode limit) {
    return limit.decimalValue().stripTrailingZeros().toPlainString();
  }

  private static Error toError(ValidationMessage message) {
    String path = path(message.getInstanceLocation());
    JsonNode value = message.getInstanceNode();
    // The library hands over the keyword's own value (99 for maximum: 99), not the whole schema.
    JsonNode limit = message.getSchemaNode();
    String shown = show(value);
    // kube-apiserver skips the CEL rules after a blocking error: a missing, unsupported, mistyped,
    // too long or too many value (hasBlockingErr in apiextensions-apiserver's strategy).
    return switch (message.getType()) {
      case "required" ->
          new Error(FieldPath.child(path, message.getProperty()) + ": Required value", true);
      case "enum" ->
          new Error(
              path + ": Unsupported value: " + shown + ": supported values: " + quoted(limit),
              true);
      case "type" ->
          new Error(
              path
                  + ": Invalid value: \""
                  + typeOf(value)
                  + "\": "
                  + inBody(path, "must be of type " + limit.asText())
                  + ": \""
                  + typeOf(value)
                  + "\"",
              true);
      case "pattern" -> invalid(path, shown, inBody(path, "should match '" + limit.asText() + "'"));
      case "maximum" ->
          invalid(path, shown, inBody(path, "should be less than or equal to " + bound(limit)));
      case "minimum" ->
          invalid(path, shown, inBody(path, "should be greater than or equal to " + bound(limit)));
      case "maxItems" -> tooMany(path, value.size(), limit.asInt());
      case "maxProperties" -> tooMany(path, value.size(), limit.asInt());
      case "minItems" ->
          invalid(
              path,
              String.valueOf(value.size()),
              inBody(path, "should have at least " + limit.asInt() + " items"));
      case "maxLength" ->
          new Error(path + ": Too long: may not be more than " + limit.asInt() + " bytes", true);
      case "minLength" ->
          invalid(path, shown, inBody(path, "should be at least " + limit.asInt() + " chars long"));
      default -> invalid(path, shown, message.getMessage());
    };
  }

  private static String inBody(String path, String detail) {
    return path + " in body " + detail;
  }

  private static Error tooMany(String path, int size, int limit) {
    return new Error(
        path + ": Too many: " + size + ": must have at most " + limit + " items", true);
  }

  private static Error invalid(String path, String shownValue, String detail) {
    return new Error(path + ": Invalid value: " + shownValue + ": " + detail, false);
  }

  private static String path(JsonNodePath location) {
    String path = "";
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      path =
          element instanceof Integer index
              ? FieldPath.index(path, index)
              : FieldPath.child(path, element.toString());
    }
    return path;
  }

  private static String show(JsonNode value) {
    if (value == null) {
      return "\"null\"";
    }
    return value.isTextual()
        ? "\"" + value.asText() + "\""
        : value.isValueNode() ? value.toString() : "\"" + typeOf(value) + "\"";
  }

  private static String typeOf(JsonNode value) {
    return switch (value.getNodeType()) {
      case OBJECT -> "object";
      case ARRAY -> "array";
      case STRING -> "string";
      case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
      case BOOLEAN -> "boolean";
      default -> "null";
    };
  }

  private static String quoted(JsonNode values) {
    return StreamSupport.stream(values.spliterator(), false)
        .map(v -> "\"" + v.asText() + "\"")
        .collect(Collectors.joining(", "));
  }

  /**
   * One schema finding.
   *
   * @param text the message in the API server's words
   * @param blocksRules whether CEL rules are skipped, as the API server skips them after missing,
   *     unsupported, mistyped, too long and too many values
   */
  record Error(String text, boolean blocksRules) {}
}
