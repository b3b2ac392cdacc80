package dev.ecsbluegreen.operator.reconciler.codedeploy;

import dev.ecsbluegreen.operator.aws.DeploymentGroupState;
import dev.ecsbluegreen.operator.reconciler.InfrastructureChange;
import java.util.List;

/**
 * Create ({@code create}) or update the managed CodeDeploy deployment group.
 *
 * @param drift the settings that differ from the desired ones, for the log and the report
 */
record DeploymentGroupChange(DeploymentGroupState desired, boolean create, List<String> drift)
    implements InfrastructureChange {}
