package dev.ecsbluegreen.simulator.http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Every API call the simulator received, in arrival order; safe to read while calls arrive. */
public final class CallLog {

  private final List<ApiCall> calls = new ArrayList<>();
  private final List<Consumer<ApiCall>> listeners = new CopyOnWriteArrayList<>();

  void record(ApiCall call) {
    synchronized (this) {
      calls.add(call);
    }
    listeners.forEach(listener -> listener.accept(call));
  }

  /** Also hands every future call to {@code listener} (on the thread that handled it). */
  public void onCall(Consumer<ApiCall> listener) {
    listeners.add(listener);
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
