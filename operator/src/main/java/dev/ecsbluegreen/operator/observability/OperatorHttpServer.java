package dev.ecsbluegreen.operator.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /healthz}, {@code /readyz} and {@code /metrics} on one port (the chart's {@code
 * httpPort}). The JDK's own HTTP server is enough for probes and a scrape every few seconds, and
 * adds no dependency. It runs on its own two threads, so a busy reconciler never delays a probe.
 */
public final class OperatorHttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OperatorHttpServer.class);
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService threads;

  private OperatorHttpServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /** Listens on {@code port} on all interfaces; 0 picks a free port (tests). */
  public static OperatorHttpServer start(int port, OperatorHealth health, OperatorMetrics metrics) {
    try {
      var server = HttpServer.create(new InetSocketAddress(port), 0);
      var threads =
          Executors.newFixedThreadPool(
              2,
              r -> {
                var thread = new Thread(r, "operator-http");
                thread.setDaemon(true);
                return thread;
              });
      server.setExecutor(threads);
      server.createContext("/healthz", e -> probe(e, "/healthz", health::notLive));
      server.createContext("/readyz", e -> probe(e, "/readyz", health::notReady));
      server.createContext("/metrics", e -> metrics(e, metrics::scrape));
      server.createContext("/", e -> respond(e, 404, "text/plain", "not found\n"));
      server.start();
      log.info("Serving /healthz, /readyz and /metrics on port {}", server.getAddress().getPort());
      return new OperatorHttpServer(server, threads);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot listen on port " + port, e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void probe(HttpExchange exchange, String path, Supplier<Optional<String>> problem)
      throws IOException {
    if (rejected(exchange, path)) {
      return;
    }
    var reason = problem.get();
    if (reason.isEmpty()) {
      respond(exchange, 200, "text/plain", "ok\n");
    } else {
      respond(exchange, 503, "text/plain", reason.get() + "\n");
    }
  }

  private static void metrics(HttpExchange exchange, Supplier<String> scrape) throws IOException {
    if (!rejected(exchange, "/metrics")) {
      respond(exchange, 200, PROMETHEUS_TEXT, scrape.get());
    }
  }

  /** Answers anything but GET or HEAD of exactly {@code path}; true if it did. */
  private static boolean rejected(HttpExchange exchange, String path) throws IOException {
    if (!exchange.getRequestURI().getPath().equals(path)) {
      respond(exchange, 404, "text/plain", "not found\n");
      return true;
    }
    String method = exchange.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      respond(exchange, 405, "text/plain", "method not allowed\n");
      return true;
    }
    return false;
  }

  private static void respond(HttpExchange exchange, int code, String type, String body)
      throws IOException {
    try (exchange) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
      if (!head) {
        exchange.getResponseBody().write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
