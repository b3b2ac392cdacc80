package dev.ecsbluegreen.operator.reconciler;

/**
 * A change an engine makes to what it deploys through before it can deploy (for CodeDeploy, the
 * managed deployment group). The core only carries it from the engine's rules to the engine's
 * execution.
 */
public interface InfrastructureChange {}
