package dev.ecsbluegreen.operator.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads, and in managed mode creates and updates, the CodeDeploy application and group. */
public interface DeploymentGroupGateway {
  /** How many groups one BatchGetDeploymentGroups call may name (CodeDeploy's limit). */
  int GROUPS_PER_CALL = 100;

  /** The group as AWS has it; empty when the application or the group does not exist. */
  Optional<DeploymentGroupState> describe(String application, String deploymentGroup);

  /**
   * Groups of one application in one BatchGetDeploymentGroups call (at most {@link
   * #GROUPS_PER_CALL}), by name; a group that does not exist is left out (all of them when the
   * application does not).
   */
  Map<String, DeploymentGroupState> describeAll(String application, List<String> deploymentGroups);

  /** Creates the ECS application if it does not exist yet. */
  void ensureApplication(String application);

  /** Creates the group in the desired shape (one mutation). */
  void createGroup(DeploymentGroupState desired);

  /** Brings an existing group to the desired shape (one mutation). */
  void updateGroup(DeploymentGroupState desired);
}
