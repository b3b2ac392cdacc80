package dev.ecsbluegreen.simulator.world;

import java.time.Instant;

/**
 * One invocation of a lifecycle hook function, waiting for a Succeeded or Failed report until its
 * deadline.
 */
final class HookExecution {

  final String id;
  final String eventName;
  final String functionName;
  final Instant deadline;
  String result;
  Instant resultAt;
  String resultMessage;
  boolean closed;

  HookExecution(String id, String eventName, String functionName, Instant deadline) {
    this.id = id;
    this.eventName = eventName;
    this.functionName = functionName;
    this.deadline = deadline;
  }

  void report(String status, Instant at, String message) {
    if (result == null) {
      result = status;
      resultAt = at;
      resultMessage = message;
    }
  }
}
