package dev.ecsbluegreen.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Validates an object against the CRD's openAPIV3Schema with the JSON-schema library and words each
 * finding the way the API server does ({@code spec.x: Invalid value: 150: should be less than or
 * equal to 99}), so a test reads like the kubectl error a user would see.
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

  private final JsonSchema jsonSchema;

  SchemaErrors(JsonNode openApiV3Schema) {
    JsonMetaSchema metaSchema =
        JsonMetaSchema.builder(JsonMetaSchema.getV4())
            .keywords(KUBERNETES_KEYWORDS.stream().map(NonValidationKeyword::new).toList())
            .build();
    JsonSchemaFactory factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V4, builder -> builder.metaSchema(metaSchema));
    this.jsonSchema = factory.getSchema(withMetaSchema(openApiV3Schema, metaSchema));
  }

  private static JsonNode withMetaSchema(JsonNode schema, JsonMetaSchema metaSchema) {
    ObjectNode copy = schema.deepCopy();
    copy.put("$schema", metaSchema.getIri());
    return copy;
  }

  List<Error> validate(JsonNode object) {
    return jsonSchema.validate(object).stream()
        .map(SchemaErrors::toError)
        .sorted(Comparator.comparing(Error::text))
        .toList();
  }

  private static Error toError(ValidationMessage message) {
    String path = path(message.getInstanceLocation());
    JsonNode value = message.getInstanceNode();
    // The library hands over the keyword's own value (99 for maximum: 99), not the whole schema.
    JsonNode limit = message.getSchemaNode();
    String shown = show(value);
    return switch (message.getType()) {
      case "required" ->
          new Error(FieldPath.child(path, message.getProperty()) + ": Required value", false);
      case "enum" ->
          new Error(
              path + ": Unsupported value: " + shown + ": supported values: " + quoted(limit),
              true);
      case "type" ->
          new Error(
              path
                  + ": Invalid value: \""
                  + typeOf(value)
                  + "\": must be of type "
                  + limit.asText(),
              true);
      case "pattern" -> invalid(path, shown, "should match '" + limit.asText() + "'");
      case "maximum" -> invalid(path, shown, "should be less than or equal to " + limit.asLong());
      case "minimum" ->
          invalid(path, shown, "should be greater than or equal to " + limit.asLong());
      case "maxItems" ->
          new Error(
              path
                  + ": Too many: "
                  + value.size()
                  + ": must have at most "
                  + limit.asInt()
                  + " items",
              false);
      case "minItems" ->
          invalid(
              path,
              String.valueOf(value.size()),
              "should have at least " + limit.asInt() + " items");
      case "maxLength" ->
          new Error(path + ": Too long: may not be more than " + limit.asInt() + " bytes", false);
      case "minLength" ->
          invalid(path, shown, "should be at least " + limit.asInt() + " chars long");
      default -> invalid(path, shown, message.getMessage());
    };
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
   * @param blocksRules whether CEL rules are skipped, as the API server skips them after type and
   *     unsupported-value errors
   */
  record Error(String text, boolean blocksRules) {}
}
