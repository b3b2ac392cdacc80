package dev.ecsbluegreen.operator.aws;

import java.util.Optional;

/** Reads, and in managed mode creates and updates, the CodeDeploy application and group. */
public interface DeploymentGroupGateway {
  /** The group as AWS has it; empty when the application or the group does not exist. */
  Optional<DeploymentGroupState> describe(String application, String deploymentGroup);

  /** Creates the ECS application if it does not exist yet. */
  void ensureApplication(String application);

  /** Creates the group in the desired shape (one mutation). */
  void createGroup(DeploymentGroupState desired);

  /** Brings an existing group to the desired shape (one mutation). */
  void updateGroup(DeploymentGroupState desired);
}
