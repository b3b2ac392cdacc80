package dev.ecsbluegreen.simulator.world;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * One lifecycle hook of an ECS service deployment at one stage: its status (IN_PROGRESS while a
 * Lambda function works, AWAITING_ACTION while a PAUSE waits for ContinueServiceDeployment), when
 * it times out and how often its function was invoked.
 */
public final class HookRun {

  private final String hookId;
  private final DeploymentSettings.LifecycleHookSpec spec;
  private final Instant expiresAt;
  private String status;
  private int invocations;
  private Consumer<Instant> next = at -> {};

  HookRun(String hookId, DeploymentSettings.LifecycleHookSpec spec, Instant startedAt) {
    this.hookId = hookId;
    this.spec = spec;
    this.expiresAt = startedAt.plus(spec.timeout());
    this.status = spec.isPause() ? "AWAITING_ACTION" : "IN_PROGRESS";
  }

  public String hookId() {
    return hookId;
  }

  public DeploymentSettings.LifecycleHookSpec spec() {
    return spec;
  }

  public String status() {
    return status;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public int invocations() {
    return invocations;
  }

  /** What the deployment does once this hook succeeds (or times out with CONTINUE). */
  Consumer<Instant> next() {
    return next;
  }

  void onSuccess(Consumer<Instant> next) {
    this.next = next;
  }

  boolean isOpen() {
    return status.equals("IN_PROGRESS") || status.equals("AWAITING_ACTION");
  }

  void invoked() {
    invocations++;
  }

  void finish(String status) {
    this.status = status;
  }
}
