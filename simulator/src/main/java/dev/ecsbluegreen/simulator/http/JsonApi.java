package dev.ecsbluegreen.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsbluegreen.simulator.world.AwsException;
import dev.ecsbluegreen.simulator.world.SimulatedAws;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * One AWS service spoken over JSON 1.1 (or 1.0): a target prefix and its operations. Each operation
 * runs at the current simulated time (under the world's lock unless {@link #runsOnWorld} says no)
 * and returns the output members, or null for operations without output (answered with an empty
 * body, as AWS does).
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

  /** The protocol's content type: JSON 1.1 unless the service speaks 1.0. */
  String contentType() {
    return "application/x-amz-json-1.1";
  }

  /**
   * Whether operations run under the world's lock. An API whose state guards itself (SQS, whose
   * long polls must not stop the world) says no and reads the clock without catching up.
   */
  protected boolean runsOnWorld() {
    return true;
  }

  JsonNode invoke(String operation, JsonNode input) {
    var handler = operations.get(operation);
    if (handler == null) {
      throw AwsException.client(
          "UnknownOperationException", "Unknown operation " + targetPrefix + "." + operation);
    }
    return runsOnWorld()
        ? aws.call(now -> handler.apply(input, now))
        : handler.apply(input, aws.clock().now());
  }
}
