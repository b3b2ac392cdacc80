package dev.ecsbluegreen.simulator;

import dev.ecsbluegreen.simulator.dataplane.DataPlane;
import dev.ecsbluegreen.simulator.events.EventBus;
import dev.ecsbluegreen.simulator.events.SqsQueues;
import dev.ecsbluegreen.simulator.http.ApiCall;
import dev.ecsbluegreen.simulator.http.AwsHttpServer;
import dev.ecsbluegreen.simulator.http.CallLog;
import dev.ecsbluegreen.simulator.http.Faults;
import dev.ecsbluegreen.simulator.world.EcsDeploymentEvents;
import dev.ecsbluegreen.simulator.world.LoadBalancers;
import dev.ecsbluegreen.simulator.world.SimClock;
import dev.ecsbluegreen.simulator.world.SimulatedAws;
import dev.ecsbluegreen.simulator.world.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running simulated AWS: CodeDeploy, ECS, SQS, STS and CloudWatch metrics on one loopback
 * endpoint, an event bus, plus the listener ports of the simulated load balancers.
 *
 * <pre>{@code
 * var clock = new ManualClock();
 * try (var sim = Simulator.start(world, clock)) {
 *   var codeDeploy = CodeDeployClient.builder().endpointOverride(sim.endpoint())...build();
 *   ...
 *   clock.advance(Duration.ofMinutes(15)); // the world moves before advance returns
 *   assertThat(sim.callLog().count("CreateDeployment")).isEqualTo(1);
 * }
 * }</pre>
 */
public final class Simulator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Simulator.class);

  private final SimulatedAws aws;
  private final DataPlane dataPlane;
  private final AwsHttpServer server;
  private final ScheduledExecutorService ticker;
  private volatile boolean closed;

  private Simulator(SimulatedAws aws, DataPlane dataPlane, AwsHttpServer server, SimClock clock) {
    this.aws = aws;
    this.dataPlane = dataPlane;
    this.server = server;
    clock.onAdvance(
        () -> {
          if (!closed) {
            aws.advance();
          }
        });
    this.ticker =
        clock
            .tickEvery()
            .map(
                every -> {
                  var executor =
                      Executors.newSingleThreadScheduledExecutor(
                          r -> {
                            Thread t = new Thread(r, "sim-clock");
                            t.setDaemon(true);
                            return t;
                          });
                  executor.scheduleWithFixedDelay(
                      this::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
                  return executor;
                })
            .orElse(null);
  }

  /** Starts the simulator on an automatically chosen loopback port. */
  public static Simulator start(World world, SimClock clock) {
    return start(world, clock, 0);
  }

  /** Starts the simulator on the given loopback port (0 picks a free one). */
  public static Simulator start(World world, SimClock clock, int port) {
    var dataPlane = new DataPlane();
    var aws = new SimulatedAws(world, clock, dataPlane);
    try {
      dataPlane.open(aws.loadBalancers(), aws.router(), aws.metrics(), clock, world.dataPlane());
      return new Simulator(aws, dataPlane, new AwsHttpServer(aws, port, dataPlane), clock);
    } catch (IOException e) {
      dataPlane.close();
      aws.close();
      throw new UncheckedIOException(
          "Could not open the simulator's ports (port " + port + "): " + e.getMessage(), e);
    }
  }

  private void tick() {
    try {
      aws.advance();
    } catch (RuntimeException e) {
      log.error("The simulated world failed to advance", e);
    }
  }

  /** The endpoint for {@code endpointOverride} of CodeDeploy, ECS, SQS, STS and CloudWatch. */
  public URI endpoint() {
    return server.endpoint();
  }

  public int port() {
    return server.port();
  }

  /** Every API call received so far. */
  public List<ApiCall> calls() {
    return server.calls().all();
  }

  /** The call log, with counting helpers. */
  public CallLog callLog() {
    return server.calls();
  }

  /** Run-time fault injection. */
  public Faults faults() {
    return server.faults();
  }

  /** The default event bus: rules, delivery faults, and where services publish their events. */
  public EventBus events() {
    return aws.events();
  }

  /** The SQS queues the API serves. */
  public SqsQueues queues() {
    return aws.queues();
  }

  public String accountId() {
    return aws.world().accountId();
  }

  public String region() {
    return aws.world().region();
  }

  /** The loopback port of a load balancer's listener (a world fact with no AWS API here). */
  public int listenerPort(String loadBalancer, World.ListenerKind kind) {
    return dataPlane.port(loadBalancer(loadBalancer), kind);
  }

  /** {@code http://127.0.0.1:<port>} of a load balancer's listener. */
  public URI listenerUri(String loadBalancer, World.ListenerKind kind) {
    return URI.create("http://127.0.0.1:" + listenerPort(loadBalancer, kind));
  }

  /**
   * The listener that fronts a service declared in the world: the one of the load balancer holding
   * the service's target group. Lets a demo or test send traffic to a service by its ECS name.
   */
  public URI listenerUriOf(String cluster, String service, World.ListenerKind kind) {
    var declared =
        aws.world().services().stream()
            .filter(s -> s.cluster().equals(cluster) && s.name().equals(service))
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("No service " + cluster + "/" + service));
    var targetGroup =
        aws.loadBalancers()
            .targetGroup(declared.targetGroup())
            .orElseThrow(
                () -> new IllegalArgumentException("No target group " + declared.targetGroup()));
    return listenerUri(targetGroup.loadBalancer(), kind);
  }

  public String listenerArn(String loadBalancer, World.ListenerKind kind) {
    return loadBalancer(loadBalancer).listenerArn(kind);
  }

  /**
   * The listener rule ARN an ECS-controller service names as {@code productionListenerRule} or
   * {@code testListenerRule}: each listener has one rule (the listener ARN itself is accepted too).
   */
  public String listenerRuleArn(String loadBalancer, World.ListenerKind kind) {
    return aws.arns().listenerRule(loadBalancer(loadBalancer).name(), kind);
  }

  /** The "ECS Deployment State Change" events ECS-controller services' deployments sent so far. */
  public EcsDeploymentEvents ecsDeploymentEvents() {
    return aws.ecsDeploymentEvents();
  }

  public String targetGroupArn(String targetGroup) {
    return aws.loadBalancers()
        .targetGroup(targetGroup)
        .orElseThrow(() -> new IllegalArgumentException("No target group " + targetGroup))
        .arn();
  }

  private LoadBalancers.LoadBalancer loadBalancer(String name) {
    return aws.loadBalancers()
        .byName(name)
        .orElseThrow(() -> new IllegalArgumentException("No load balancer " + name));
  }

  @Override
  public void close() {
    closed = true;
    if (ticker != null) {
      ticker.shutdownNow();
    }
    server.close();
    dataPlane.close();
    aws.close();
  }
}
