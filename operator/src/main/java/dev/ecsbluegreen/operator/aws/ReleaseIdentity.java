package dev.ecsbluegreen.operator.aws;

/**
 * Who a side effect in AWS belongs to: written into deployment descriptions and task definition
 * tags so the operator finds its own work again after a crash.
 *
 * @param token the idempotency token of the generation (and retry) being released
 */
public record ReleaseIdentity(
    String namespace, String name, String uid, long generation, String token) {}
