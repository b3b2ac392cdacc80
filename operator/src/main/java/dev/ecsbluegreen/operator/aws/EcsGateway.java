package dev.ecsbluegreen.operator.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ECS calls a release needs, in our vocabulary. Task definitions travel as JSON trees in
 * RegisterTaskDefinition form, so fields the operator does not model pass through unchanged.
 */
public interface EcsGateway {
  /** How many of a family's newest revisions {@link #activeRevisions} lists. */
  int REVISIONS_LOOKED_AT = 20;

  /** How many services one DescribeServices call may name (ECS's limit). */
  int SERVICES_PER_CALL = 10;

  /**
   * The service and the revision it runs now. Unknown or INACTIVE service: InvalidReleaseException.
   */
  ServiceState describeService(String cluster, String service);

  /**
   * Services of one cluster in one DescribeServices call (at most {@link #SERVICES_PER_CALL}), by
   * the name (or ARN) each was asked for: every one asked for has an answer, the service or why ECS
   * returned none.
   */
  Map<String, ServiceLookup> describeServices(String cluster, List<String> services);

  /**
   * The ARN of the target group the service's task sets (or, without task sets, the service) serve
   * from under this name, in one DescribeServices call; empty when none does.
   */
  Optional<String> targetGroupArn(String cluster, String service, String targetGroupName);

  /**
   * A revision by family, family:revision or ARN, with its tags. Unknown: InvalidReleaseException.
   * A revision named by its ARN is read from AWS once: revisions never change.
   */
  TaskDefinitionDocument describeTaskDefinition(String reference);

  /**
   * The ARNs of the family's newest ACTIVE revisions, newest first (at most {@link
   * #REVISIONS_LOOKED_AT}); empty for a family ECS does not know.
   */
  List<String> activeRevisions(String family);

  /** Registers a revision (one mutation) and returns its ARN, for no release in particular. */
  default String registerTaskDefinition(ObjectNode registerRequest, Map<String, String> tags) {
    return registerTaskDefinition(registerRequest, tags, null);
  }

  /**
   * Registers a revision (one mutation) for a release and returns its ARN.
   *
   * @param releaseUid the release that registers it: the registration budget keeps the turn it gave
   *     a release it turned away for that release (null: none is kept)
   */
  String registerTaskDefinition(
      ObjectNode registerRequest, Map<String, String> tags, String releaseUid);
}
