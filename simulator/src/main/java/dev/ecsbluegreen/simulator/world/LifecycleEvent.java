package dev.ecsbluegreen.simulator.world;

import java.time.Instant;

/** One lifecycle event of an ECS deployment target, as BatchGetDeploymentTargets reports it. */
public final class LifecycleEvent {

  private final String name;
  private String status = "Pending";
  private Instant startTime;
  private Instant endTime;
  private String diagnosticCode;
  private String diagnosticMessage;

  LifecycleEvent(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public String status() {
    return status;
  }

  public Instant startTime() {
    return startTime;
  }

  public Instant endTime() {
    return endTime;
  }

  /** {@code Success}, {@code ScriptFailed}, {@code ScriptTimedOut}, ... or null before the end. */
  public String diagnosticCode() {
    return diagnosticCode;
  }

  public String diagnosticMessage() {
    return diagnosticMessage;
  }

  void start(Instant at) {
    status = "InProgress";
    startTime = at;
  }

  void finish(String status, Instant at, String code, String message) {
    if (startTime == null) {
      startTime = at;
    }
    this.status = status;
    this.endTime = at;
    this.diagnosticCode = code;
    this.diagnosticMessage = message;
  }
}
