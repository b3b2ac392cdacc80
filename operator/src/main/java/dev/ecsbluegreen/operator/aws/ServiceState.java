package dev.ecsbluegreen.operator.aws;

/**
 * What the operator needs to know of an ECS service.
 *
 * @param deploymentController ECS, CODE_DEPLOY or EXTERNAL; only CODE_DEPLOY can be released
 * @param taskDefinitionArn the revision the service runs now (its primary task set)
 */
public record ServiceState(
    String clusterName,
    String serviceName,
    String serviceArn,
    String status,
    String deploymentController,
    String taskDefinitionArn) {}
