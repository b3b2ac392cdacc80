package dev.ecsbluegreen.simulator.world;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.simulator.events.EventBus;
import dev.ecsbluegreen.simulator.events.EventDeliveryFaults;
import dev.ecsbluegreen.simulator.events.SqsQueues;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The simulated AWS account: ECS, CodeDeploy, load balancers, alarms and functions, built from a
 * {@link World}. One lock guards it all; every API call first brings the world up to the clock's
 * "now", then runs, so each call sees a consistent, current state.
 */
public final class SimulatedAws implements AutoCloseable {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final ReentrantLock lock = new ReentrantLock();
  private final World world;
  private final SimClock clock;
  private final Arns arns;
  private final Ids ids;
  private final Scheduler scheduler = new Scheduler();
  private final TrafficRouter router = new TrafficRouter();
  private final TargetGroupMetrics metrics = new TargetGroupMetrics();
  private final LoadBalancers loadBalancers;
  private final Alarms alarms = new Alarms();
  private final EcsState ecs;
  private final CodeDeployState codeDeploy;
  private final DeploymentRegistry deployments;
  private final HookInvoker hooks;
  private final EcsHookRunner ecsHooks;
  private final EcsDeploymentEvents ecsEvents;
  private final NativeServices nativeServices;
  private final Set<String> roles;
  private final SqsQueues queues;
  private final EventBus events;
  private final Instant start;
  private Instant lastAdvance;

  public SimulatedAws(World world, SimClock clock, ListenerProbe probe) {
    this.world = world;
    this.clock = clock;
    this.start = clock.now();
    this.lastAdvance = start;
    this.arns = new Arns(world.region(), world.accountId());
    this.ids = new Ids(world.seed());
    this.loadBalancers = new LoadBalancers(world, arns);
    this.ecs = new EcsState(arns, ids, router, loadBalancers);
    Map<String, World.FunctionSpec> functions = new LinkedHashMap<>();
    world.functions().forEach(f -> functions.put(f.name(), f));
    this.hooks = new HookInvoker(Map.copyOf(functions), probe);
    this.codeDeploy = new CodeDeployState(arns, ids, ecs, loadBalancers, start);
    this.deployments =
        new DeploymentRegistry(
            codeDeploy, ids, ecs, router, hooks, alarms, scheduler, world.timings());
    this.ecsHooks = new EcsHookRunner(hooks);
    this.ecsEvents = new EcsDeploymentEvents(arns, ids);
    var serviceDeployments =
        new ServiceDeploymentEngine(
            ecs,
            router,
            ecsHooks,
            alarms,
            scheduler,
            world.timings(),
            ids,
            ecsEvents,
            this::inWorld);
    this.nativeServices =
        new NativeServices(arns, ids, ecs, loadBalancers, router, serviceDeployments);
    this.roles = new LinkedHashSet<>(world.roles());
    this.queues = new SqsQueues(world.accountId(), world.region());
    this.events =
        new EventBus(
            world.accountId(),
            world.region(),
            new Ids(world.seed() + 1),
            queues,
            eventFaults(world));
    world.eventRules().forEach(events::putRule);
    deployments.announceTo(new CodeDeployStateEvents(events, arns));
    ecsEvents.onEvent(event -> events.publish(event.toAwsEvent()));
    new WorldPopulator(this).populate();
  }

  /** The world's DROP_EVENT, DUPLICATE_EVENT and DELAY_EVENT faults; the operation is a state. */
  private static EventDeliveryFaults eventFaults(World world) {
    var faults = new EventDeliveryFaults(world.seed());
    for (World.FaultSpec spec : world.faults()) {
      if (!spec.kind().isEventFault()) {
        continue;
      }
      var kind =
          switch (spec.kind()) {
            case DROP_EVENT -> EventDeliveryFaults.Kind.DROP;
            case DUPLICATE_EVENT -> EventDeliveryFaults.Kind.DUPLICATE;
            default -> EventDeliveryFaults.Kind.DELAY;
          };
      Duration delay = Duration.ofMillis(spec.latencyMs() == null ? 0 : spec.latencyMs());
      faults.add(kind, spec.operation(), spec.rate(), spec.count(), delay);
    }
    return faults;
  }

  /** Runs an operation on the world at the current simulated time, after catching up to it. */
  public <T> T call(Function<Instant, T> operation) {
    lock.lock();
    try {
      Instant now = catchUp();
      return operation.apply(now);
    } finally {
      lock.unlock();
    }
  }

  /** Runs a change that arrives from another thread (a hook's answer) at the current time. */
  private void inWorld(java.util.function.Consumer<Instant> change) {
    call(
        now -> {
          change.accept(now);
          return null;
        });
  }

  /** Brings every deployment up to the clock's current time. */
  public void advance() {
    call(now -> null);
  }

  private Instant catchUp() {
    Instant now = clock.now();
    if (now.isBefore(lastAdvance)) {
      now = lastAdvance;
    }
    lastAdvance = now;
    scheduler.runUntil(now);
    return now;
  }

  public World world() {
    return world;
  }

  public SimClock clock() {
    return clock;
  }

  public Instant startedAt() {
    return start;
  }

  public Arns arns() {
    return arns;
  }

  public Ids ids() {
    return ids;
  }

  public EcsState ecs() {
    return ecs;
  }

  public CodeDeployState codeDeploy() {
    return codeDeploy;
  }

  public DeploymentRegistry deployments() {
    return deployments;
  }

  /** ECS-controller services and their service deployments. */
  public NativeServices nativeServices() {
    return nativeServices;
  }

  /** The "ECS Deployment State Change" events so far, and listeners for the next ones. */
  public EcsDeploymentEvents ecsDeploymentEvents() {
    return ecsEvents;
  }

  public LoadBalancers loadBalancers() {
    return loadBalancers;
  }

  public TrafficRouter router() {
    return router;
  }

  /** What each target group served, for CloudWatch's load balancer metrics. */
  public TargetGroupMetrics metrics() {
    return metrics;
  }

  /** The account's SQS queues. */
  public SqsQueues queues() {
    return queues;
  }

  /** The default event bus: services publish here, rules deliver to queues. */
  public EventBus events() {
    return events;
  }

  public java.time.Duration taskStartup() {
    return world.timings().taskStartup();
  }

  /** Whether STS may hand out credentials for this role. */
  public boolean isAssumable(String roleArn) {
    return roles.contains(roleArn);
  }

  // ---- CodeDeploy operations that drive the state machine ----

  public void continueDeployment(String deploymentId, String waitType, Instant at) {
    deployments.engine().continueDeployment(deployments.deployment(deploymentId), waitType, at);
  }

  /** Returns true while rollback work is still pending ("Pending" in StopDeployment's answer). */
  public boolean stopDeployment(String deploymentId, Boolean autoRollbackEnabled, Instant at) {
    return deployments.engine().stop(deployments.deployment(deploymentId), autoRollbackEnabled, at);
  }

  public void reportHook(String deploymentId, String executionId, String status, Instant at) {
    deployments.engine().reportHook(deployments.deployment(deploymentId), executionId, status, at);
  }

  // ---- alarms ----

  /** Sends the alarm into ALARM at a simulated instant (now or later). */
  public void alarmAt(String name, Instant at) {
    call(
        now -> {
          Instant when = at.isBefore(now) ? now : at;
          alarms.goOffAt(name, when);
          scheduler.at(when, this::checkActiveDeploymentsAt);
          if (!when.isAfter(now)) {
            scheduler.runUntil(now);
          }
          return null;
        });
  }

  /** Puts the alarm back to OK. */
  public void alarmOk(String name) {
    call(
        now -> {
          alarms.reset(name);
          return null;
        });
  }

  void declareAlarm(String name, boolean inAlarm, Instant alarmAt) {
    alarms.declare(name, inAlarm, alarmAt);
    if (alarmAt != null) {
      scheduler.at(alarmAt, this::checkActiveDeploymentsAt);
    }
  }

  private void checkActiveDeploymentsAt(Instant at) {
    for (Deployment d : new ArrayList<>(deployments.activeDeployments())) {
      deployments.engine().advance(d, at);
    }
    for (ServiceDeployment d : nativeServices.active()) {
      nativeServices.engine().checkAlarms(d, at);
    }
  }

  // ---- population helpers ----

  TaskDefinition registerTaskDefinition(String family, ObjectNode definition, Instant at) {
    return ecs.taskDefinitions().register(family, definition, JSON.arrayNode(), at);
  }

  static ArrayNode emptyArray() {
    return JSON.arrayNode();
  }

  @Override
  public void close() {
    hooks.close();
    ecsHooks.close();
  }
}
