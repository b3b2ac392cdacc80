package dev.ecsbluegreen.operator.aws;

import java.util.List;

/**
 * A CreateDeployment call.
 *
 * @param deploymentConfig the deployment configuration to use; null uses the group's
 * @param appSpec the rendered AppSpec, sent as AppSpecContent with its sha256
 * @param description carries the release identity (see {@link DeploymentDescription})
 */
public record DeploymentRequest(
    String application,
    String deploymentGroup,
    String deploymentConfig,
    AppSpec appSpec,
    String description,
    boolean rollbackOnFailure,
    boolean rollbackOnAlarm,
    List<String> alarms) {}
