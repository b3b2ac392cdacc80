package dev.ecsbluegreen.operator.taskdef;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** What a release does about its task definition: use a revision, or register a new one. */
public sealed interface TaskDefinitionPlan {

  /** Deploy this registered revision; nothing to register. */
  record Use(String arn) implements TaskDefinitionPlan {}

  /**
   * Register this request (one mutation), tagged so a retry after a crash finds it instead of
   * registering again.
   *
   * @param request RegisterTaskDefinition input as ECS JSON, without tags
   * @param hash SHA-256 of the request's canonical JSON, also in the tags
   */
  record Register(ObjectNode request, Map<String, String> tags, String hash)
      implements TaskDefinitionPlan {
    public Register {
      tags = Map.copyOf(tags);
    }
  }
}
