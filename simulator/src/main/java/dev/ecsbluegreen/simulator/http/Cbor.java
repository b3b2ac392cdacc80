package dev.ecsbluegreen.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.ecsbluegreen.simulator.world.AwsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** The Smithy RPC v2 CBOR body format: a CBOR map each way, read and written as Jackson trees. */
final class Cbor {

  private static final ObjectMapper MAPPER = new ObjectMapper(new CBORFactory());

  /** Query error codes whose exception shape has another name in CloudWatch's model. */
  private static final Map<String, String> SHAPES =
      Map.of(
          "InvalidParameterValue", "InvalidParameterValueException",
          "MissingParameter", "MissingRequiredParameterException",
          "InvalidParameterCombination", "InvalidParameterCombinationException",
          "InternalServiceError", "InternalServiceFault");

  private Cbor() {}

  static JsonNode read(byte[] body) {
    if (body.length == 0) {
      return Json.object();
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || !node.isObject()) {
        throw new IOException("not a map");
      }
      return node;
    } catch (IOException e) {
      throw AwsException.client("SerializationException", "The request body is not a CBOR map");
    }
  }

  static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code __type} for a query error code. */
  static String shapeOf(String queryErrorCode) {
    return SHAPES.getOrDefault(queryErrorCode, queryErrorCode);
  }
}
