package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseSpec;

/**
 * An UpdateService that starts an ECS service deployment of a task definition revision.
 *
 * @param spec the release's spec: service, spec.ecs, network, platform and capacity settings
 * @param targetGroupArn the service's own target group, sent back with spec.ecs.loadBalancer's
 *     advanced configuration; unused without it
 */
public record ServiceUpdate(
    EcsBlueGreenReleaseSpec spec, String taskDefinitionArn, String targetGroupArn) {}
