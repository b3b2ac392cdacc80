package dev.ecsbluegreen.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsbluegreen.simulator.world.AwsException;
import dev.ecsbluegreen.simulator.world.SimulatedAws;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * One AWS service spoken over JSON 1.1: a target prefix and its operations. Each operation runs
 * under the world's lock at the current simulated time and returns the output members, or null for
 * operations without output (answered with an empty body, as AWS does).
 */
abstract class JsonApi {

  private final String signingName;
  private final String targetPrefix;
  private final Map<String, BiFunction<JsonNode, Instant, JsonNode>> operations = new HashMap<>();
  protected final SimulatedAws aws;

  JsonApi(SimulatedAws aws, String signingName, String targetPrefix) {
    this.aws = aws;
    this.signingName = signingName;
    this.targetPrefix = targetPrefix;
  }

  protected void operation(String name, BiFunction<JsonNode, Instant, JsonNode> handler) {
    operations.put(name, handler);
  }

  String signingName() {
    return signingName;
  }

  String targetPrefix() {
    return targetPrefix;
  }

  JsonNode invoke(String operation, JsonNode input) {
    var handler = operations.get(operation);
    if (handler == null) {
      throw AwsException.client(
          "UnknownOperationException", "Unknown operation " + targetPrefix + "." + operation);
    }
    return aws.call(now -> handler.apply(input, now));
  }
}
