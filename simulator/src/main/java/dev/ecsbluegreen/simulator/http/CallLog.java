package dev.ecsbluegreen.simulator.http;

import java.util.ArrayList;
import java.util.List;

/** Every API call the simulator received, in arrival order; safe to read while calls arrive. */
public final class CallLog {

  private final List<ApiCall> calls = new ArrayList<>();

  synchronized void record(ApiCall call) {
    calls.add(call);
  }

  /** A snapshot of all calls so far. */
  public synchronized List<ApiCall> all() {
    return List.copyOf(calls);
  }

  /** How many calls of the operation were received, whatever their outcome. */
  public synchronized long count(String operation) {
    return calls.stream().filter(c -> c.operation().equals(operation)).count();
  }

  /** How many calls of the operation were answered OK. */
  public synchronized long countOk(String operation) {
    return calls.stream().filter(c -> c.operation().equals(operation) && c.isOk()).count();
  }

  public synchronized int size() {
    return calls.size();
  }

  public synchronized void clear() {
    calls.clear();
  }
}
