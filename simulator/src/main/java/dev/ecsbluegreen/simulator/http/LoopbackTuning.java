package dev.ecsbluegreen.simulator.http;

/**
 * JDK HTTP server settings the simulator needs. The server writes headers and body separately; with
 * Nagle's algorithm on, the client's delayed ACK then stalls every answer by about 40 ms, which
 * would dominate every API call and listener request.
 */
public final class LoopbackTuning {

  private LoopbackTuning() {}

  /** Must run before the JDK's HTTP server is first used in this JVM; later calls are harmless. */
  public static void apply() {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }
}
