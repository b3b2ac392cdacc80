package dev.ecsbluegreen.operator.aws;

/**
 * The listener rules an ECS-controller service's load balancer names in its {@code
 * advancedConfiguration}: an Application Load Balancer listener rule ARN, or a Network Load
 * Balancer listener ARN.
 *
 * @param production {@code productionListenerRule}, whose traffic ECS shifts
 * @param test {@code testListenerRule}, or null when the service takes no test traffic
 */
public record ListenerRules(String production, String test) {}
