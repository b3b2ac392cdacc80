package dev.ecsbluegreen.simulator.dataplane;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ecsbluegreen.simulator.world.ListenerAddresses;
import dev.ecsbluegreen.simulator.world.ListenerProbe;
import dev.ecsbluegreen.simulator.world.LoadBalancers;
import dev.ecsbluegreen.simulator.world.SimClock;
import dev.ecsbluegreen.simulator.world.TargetGroupMetrics;
import dev.ecsbluegreen.simulator.world.TaskSet;
import dev.ecsbluegreen.simulator.world.TrafficRouter;
import dev.ecsbluegreen.simulator.world.World;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The listeners of the simulated load balancers: real HTTP ports on loopback whose answers come
 * from the blue or green simulated tasks in the proportion of the current traffic weights. Requests
 * are spread deterministically (each run of 100 requests matches the weights exactly), so tests can
 * assert shares without statistical slack. Every answer a task gives is counted in its target
 * group's metrics.
 */
public final class DataPlane implements ListenerProbe, ListenerAddresses, AutoCloseable {

  /** What a simulated task answered. */
  public record Answer(int status, String body, long latencyMs) {}

  static {
    dev.ecsbluegreen.simulator.http.LoopbackTuning.apply();
  }

  private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
  private final Map<String, Integer> ports = new ConcurrentHashMap<>();
  private final List<HttpServer> servers = new ArrayList<>();
  private ExecutorService executor;
  private TrafficRouter router;
  private TargetGroupMetrics metrics;
  private SimClock clock;

  /** Starts answering; opens listener ports when {@code openPorts} (else probes only). */
  public void open(
      LoadBalancers loadBalancers,
      TrafficRouter router,
      TargetGroupMetrics metrics,
      SimClock clock,
      boolean openPorts)
      throws IOException {
    this.router = router;
    this.metrics = metrics;
    this.clock = clock;
    if (!openPorts || loadBalancers.all().isEmpty()) {
      return;
    }
    executor =
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "sim-listener");
              t.setDaemon(true);
              return t;
            });
    for (var lb : loadBalancers.all()) {
      listen(lb.productionListenerArn(), lb.requestedProductionPort());
      listen(lb.testListenerArn(), lb.requestedTestPort());
    }
  }

  private void listen(String listenerArn, int port) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    server.createContext("/", exchange -> serve(listenerArn, exchange));
    server.setExecutor(executor);
    server.start();
    servers.add(server);
    ports.put(listenerArn, server.getAddress().getPort());
  }

  /** The loopback address's name ({@code localhost}): every listener port is open on it. */
  @Override
  public String host() {
    return InetAddress.getLoopbackAddress().getHostName();
  }

  /** The loopback port of a listener, or -1 when ports are not open. */
  @Override
  public int port(String listenerArn) {
    return ports.getOrDefault(listenerArn, -1);
  }

  private void serve(String listenerArn, HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      Answer answer = answer(listenerArn, exchange.getRequestURI().getPath());
      if (answer.latencyMs() > 0) {
        try {
          Thread.sleep(answer.latencyMs());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.status(), body.length);
      exchange.getResponseBody().write(body);
    }
  }

  /** Picks the target group for the next request and lets its task answer. */
  public Answer answer(String listenerArn, String path) {
    List<TrafficRouter.WeightedTarget> route = router.route(listenerArn);
    if (route.isEmpty()) {
      return new Answer(503, "{\"error\":\"the listener forwards nowhere\"}", 0);
    }
    long n = counters.computeIfAbsent(listenerArn, k -> new AtomicLong()).getAndIncrement();
    // Visiting slots 0..99 in a stride of 37 (coprime with 100) interleaves blue and green.
    double slot = (n * 37) % 100 + 0.5;
    String targetGroup = route.get(route.size() - 1).targetGroup();
    double cumulative = 0;
    for (TrafficRouter.WeightedTarget target : route) {
      cumulative += target.weight();
      if (slot < cumulative) {
        targetGroup = target.targetGroup();
        break;
      }
    }
    TaskSet taskSet = router.backend(targetGroup);
    if (taskSet == null || !taskSet.isRunningAt(clock.now())) {
      return new Answer(503, "{\"error\":\"no healthy targets in %s\"}".formatted(targetGroup), 0);
    }
    var td = taskSet.taskDefinition();
    var behaviour = td.behaviour();
    boolean fails =
        behaviour.errorRate() > 0
            && ThreadLocalRandom.current().nextDouble() < behaviour.errorRate();
    String body =
        "{\"taskDefinition\":\"%s\",\"family\":\"%s\",\"revision\":%d,\"taskSet\":\"%s\",\"targetGroup\":\"%s\",\"path\":\"%s\"%s}"
            .formatted(
                td.arn(),
                td.family(),
                td.revision(),
                taskSet.id(),
                targetGroup,
                path.replace("\"", ""),
                fails ? ",\"error\":\"simulated failure (SIM_ERROR_RATE)\"" : "");
    int status = fails ? 500 : 200;
    metrics.record(targetGroup, clock.now(), status, behaviour.latencyMs());
    return new Answer(status, body, behaviour.latencyMs());
  }

  @Override
  public int countAnswers(String listenerArn, String path, int status, int requests) {
    int matching = 0;
    for (int i = 0; i < requests; i++) {
      if (answer(listenerArn, path).status() == status) {
        matching++;
      }
    }
    return matching;
  }

  /** The listener kind's port for a load balancer, for {@link World.ListenerKind}. */
  public int port(LoadBalancers.LoadBalancer lb, World.ListenerKind kind) {
    return port(lb.listenerArn(kind));
  }

  @Override
  public void close() {
    servers.forEach(s -> s.stop(0));
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
