package dev.ecsbluegreen.operator.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;

/**
 * The ECS calls a release needs, in our vocabulary. Task definitions travel as JSON trees in
 * RegisterTaskDefinition form, so fields the operator does not model pass through unchanged.
 */
public interface EcsGateway {
  /** The service and the revision it runs now. Unknown service: InvalidReleaseException. */
  ServiceState describeService(String cluster, String service);

  /**
   * A revision by family, family:revision or ARN, with its tags. Unknown: InvalidReleaseException.
   */
  TaskDefinitionDocument describeTaskDefinition(String reference);

  /** The newest active revision of the family carrying all the given tags, if any. */
  Optional<TaskDefinitionDocument> findRevisionTagged(String family, Map<String, String> tags);

  /** Registers a revision (one mutation) and returns its ARN. */
  String registerTaskDefinition(ObjectNode registerRequest, Map<String, String> tags);
}
