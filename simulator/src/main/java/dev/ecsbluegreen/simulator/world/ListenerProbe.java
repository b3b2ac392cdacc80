package dev.ecsbluegreen.simulator.world;

/**
 * Sends requests through a simulated listener, the way a hook function's smoke test would. The data
 * plane implements it; the world uses it for HTTP_CHECK functions.
 */
@FunctionalInterface
public interface ListenerProbe {

  /** Sends {@code requests} GETs for {@code path} and returns how many answered {@code status}. */
  int countAnswers(String listenerArn, String path, int status, int requests);
}
