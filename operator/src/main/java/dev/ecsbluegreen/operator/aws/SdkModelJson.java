package dev.ecsbluegreen.operator.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Converts between SDK model objects and JSON trees in the service's wire form. It walks the SDK's
 * own field metadata ({@link SdkPojo#sdkFields()}, the same the JSON protocol marshaller uses), so
 * member names are exactly AWS's and every member the SDK models survives a round trip, including
 * the ones the operator never names (volumes, ephemeralStorage, ulimits, dependsOn, ...).
 */
final class SdkModelJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SdkModelJson() {}

  /** The model object as a JSON tree; absent members are left out. */
  static ObjectNode toJson(SdkPojo pojo) {
    ObjectNode out = NODES.objectNode();
    for (SdkField<?> field : pojo.sdkFields()) {
      JsonNode value = toNode(field, field.getValueOrDefault(pojo));
      if (value != null) {
        out.set(field.locationName(), value);
      }
    }
    return out;
  }

  /** The member names (wire names) a model type accepts. */
  static List<String> memberNames(SdkPojo pojo) {
    return pojo.sdkFields().stream().map(SdkField::locationName).toList();
  }

  /**
   * Sets the builder's members from a JSON tree. A member the model does not know, or a value of
   * the wrong JSON type, is an {@link InvalidReleaseException} naming its path: AWS would reject
   * it.
   *
   * @param what the request type, for messages (e.g. RegisterTaskDefinition)
   */
  static <B extends SdkPojo> B fill(B builder, ObjectNode json, String what) {
    fillPojo(builder, json, what, "");
    return builder;
  }

  private static JsonNode toNode(SdkField<?> field, Object value) {
    if (value == null
        || value instanceof SdkAutoConstructList<?>
        || value instanceof SdkAutoConstructMap<?, ?>) {
      return null;
    }
    return switch (field.marshallingType().getKnownType()) {
      case STRING -> NODES.textNode((String) value);
      case INTEGER -> NODES.numberNode((Integer) value);
      case LONG -> NODES.numberNode((Long) value);
      case SHORT -> NODES.numberNode((Short) value);
      case BYTE -> NODES.numberNode((Byte) value);
      case FLOAT -> NODES.numberNode((Float) value);
      case DOUBLE -> NODES.numberNode((Double) value);
      case BIG_DECIMAL -> NODES.numberNode((BigDecimal) value);
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case INSTANT -> NODES.numberNode(epochSeconds((Instant) value));
      case SDK_BYTES ->
          NODES.binaryNode(((software.amazon.awssdk.core.SdkBytes) value).asByteArray());
      case SDK_POJO -> toJson((SdkPojo) value);
      case LIST -> {
        ArrayNode array = NODES.arrayNode();
        SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
        for (Object element : (List<?>) value) {
          JsonNode node = toNode(member, element);
          array.add(node == null ? NODES.nullNode() : node);
        }
        yield array;
      }
      case MAP -> {
        ObjectNode object = NODES.objectNode();
        SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          JsonNode node = toNode(member, entry.getValue());
          object.set(String.valueOf(entry.getKey()), node == null ? NODES.nullNode() : node);
        }
        yield object;
      }
      default -> null;
    };
  }

  private static BigDecimal epochSeconds(Instant instant) {
    return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
  }

  private static void fillPojo(SdkPojo builder, ObjectNode json, String what, String path) {
    Map<String, SdkField<?>> fields = new LinkedHashMap<>();
    for (SdkField<?> field : builder.sdkFields()) {
      fields.put(field.locationName(), field);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      var entry = it.next();
      String memberPath = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
      SdkField<?> field = fields.get(entry.getKey());
      if (field == null) {
        throw new InvalidReleaseException(
            "%s has no field %s; the accepted fields there are %s"
                .formatted(what, memberPath, fields.keySet()));
      }
      Object value = fromNode(field, entry.getValue(), what, memberPath);
      if (value != null) {
        field.set(builder, value);
      }
    }
  }

  private static Object fromNode(SdkField<?> field, JsonNode node, String what, String path) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    return switch (field.marshallingType().getKnownType()) {
      case STRING -> {
        require(node.isValueNode(), "a string", what, path, node);
        yield node.asText();
      }
      case INTEGER -> {
        require(node.canConvertToInt() && node.isNumber(), "an integer", what, path, node);
        yield node.intValue();
      }
      case LONG -> {
        require(node.canConvertToLong() && node.isNumber(), "an integer", what, path, node);
        yield node.longValue();
      }
      case SHORT -> {
        require(node.isNumber(), "an integer", what, path, node);
        yield node.shortValue();
      }
      case BYTE -> {
        require(node.isNumber(), "an integer", what, path, node);
        yield (byte) node.intValue();
      }
      case FLOAT -> {
        require(node.isNumber(), "a number", what, path, node);
        yield node.floatValue();
      }
      case DOUBLE -> {
        require(node.isNumber(), "a number", what, path, node);
        yield node.doubleValue();
      }
      case BIG_DECIMAL -> {
        require(node.isNumber(), "a number", what, path, node);
        yield node.decimalValue();
      }
      case BOOLEAN -> {
        require(node.isBoolean(), "true or false", what, path, node);
        yield node.booleanValue();
      }
      case INSTANT -> {
        require(node.isNumber(), "epoch seconds", what, path, node);
        yield Instant.ofEpochMilli(node.decimalValue().movePointRight(3).longValue());
      }
      case SDK_POJO -> {
        require(node.isObject(), "an object", what, path, node);
        SdkPojo nested = field.constructor().get();
        fillPojo(nested, (ObjectNode) node, what, path);
        yield ((SdkBuilder<?, ?>) nested).build();
      }
      case LIST -> {
        require(node.isArray(), "a list", what, path, node);
        SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
          list.add(fromNode(member, node.get(i), what, path + "[" + i + "]"));
        }
        yield list;
      }
      case MAP -> {
        require(node.isObject(), "an object", what, path, node);
        SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
        Map<String, Object> map = new LinkedHashMap<>();
        node.fields()
            .forEachRemaining(
                e ->
                    map.put(
                        e.getKey(), fromNode(member, e.getValue(), what, path + "." + e.getKey())));
        yield map;
      }
      default ->
          throw new InvalidReleaseException(
              "%s field %s has a type the operator cannot pass through".formatted(what, path));
    };
  }

  private static void require(
      boolean condition, String expected, String what, String path, JsonNode actual) {
    if (!condition) {
      throw new InvalidReleaseException(
          "%s field %s must be %s, not %s".formatted(what, path, expected, actual));
    }
  }
}
