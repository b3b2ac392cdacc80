package dev.ecsbluegreen.simulator.world;

import java.time.Instant;

/** A CodeDeploy deployment configuration for the ECS compute platform. */
public record DeploymentConfig(
    String name, String id, Instant createTime, TrafficRouting routing, boolean predefined) {}
