package dev.ecsbluegreen.operator.ha;

import dev.ecsbluegreen.operator.OperatorRunner;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.aws.AwsClientSettings;
import dev.ecsbluegreen.operator.aws.AwsSdkAccess;
import dev.ecsbluegreen.operator.config.OperatorConfig;
import dev.ecsbluegreen.operator.fixtures.Lanes;
import dev.ecsbluegreen.operator.fixtures.ReleasesInNamespace;
import dev.ecsbluegreen.operator.observability.AwsCallMetrics;
import dev.ecsbluegreen.operator.observability.MicrometerReleaseMetrics;
import dev.ecsbluegreen.operator.observability.OperatorHealth;
import dev.ecsbluegreen.operator.observability.OperatorHttpServer;
import dev.ecsbluegreen.operator.observability.OperatorMetrics;
import dev.ecsbluegreen.operator.observability.ReleaseMetrics;
import dev.ecsbluegreen.simulator.Simulator;
import dev.ecsbluegreen.simulator.world.ManualClock;
import dev.ecsbluegreen.simulator.world.World;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Several operator replicas as production runs them (metrics, health server, optional leader
 * election) against one CRUD-mode mock API server holding the generated CRD and one simulator. Each
 * replica signs its AWS calls with its own access key, so the simulator's call log says which
 * replica made each call. Simulated time, shared by the simulator and every reconciler, moves only
 * while a test waits ({@link #awaitRelease}).
 */
public final class OperatorReplicas implements AutoCloseable {
  public static final String NAMESPACE = "default";
  public static final String OPERATOR_NAMESPACE = "ecs-bluegreen-system";

  public final ManualClock simClock = new ManualClock();
  public final Clock clock = simClock.asJavaClock();
  public final Simulator sim;
  public final KubernetesClient client;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final KubernetesMockServer server;
  private final List<Replica> replicas = new ArrayList<>();
  private final ReleasesInNamespace releases;

  public OperatorReplicas(String... lanes) {
    sim = Simulator.start(world(lanes), simClock);
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    server.init();
    allowLeases();
    client = server.createClient();
    ReleasesInNamespace.installCrd(client);
    releases = new ReleasesInNamespace(client, NAMESPACE, simClock, Duration.ofSeconds(30));
  }

  /**
   * JOSDK checks with a SelfSubjectRulesReview that it may use Leases before electing; the CRUD
   * mock would store the review without answering it. Answer as the chart's Role grants: create
   * leases, and get, update and patch on the one Lease.
   */
  private void allowLeases() {
    var review =
        new SelfSubjectRulesReviewBuilder()
            .withNewStatus()
            .withIncomplete(false)
            .withResourceRules(
                new ResourceRuleBuilder()
                    .withApiGroups("coordination.k8s.io")
                    .withResources("leases")
                    .withVerbs("create")
                    .build(),
                new ResourceRuleBuilder()
                    .withApiGroups("coordination.k8s.io")
                    .withResources("leases")
                    .withResourceNames("ecs-bluegreen-operator")
                    .withVerbs("get", "update", "patch")
                    .build())
            .endStatus()
            .build();
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, review)
        .always();
  }

  static World world(String... lanes) {
    var builder =
        World.builder()
            .cluster("prod")
            .function("CodeDeployHook_ok", World.Behaviour.SUCCEED)
            .dataPlane(false);
    for (String lane : lanes) {
      Lanes.add(builder, lane);
    }
    return builder.build();
  }

  /** The group a lane's releases deploy through. */
  public void createGroup(String lane, String readyAction, Integer readyWaitMinutes) {
    var group = Lanes.group(sim, lane, 0, readyAction, readyWaitMinutes);
    try (var access = access("AKIDSETUP")) {
      var groups = access.forTarget(null).deploymentGroups();
      groups.ensureApplication(group.application());
      groups.createGroup(group);
    }
  }

  /** Starts a replica; with {@code leaderElection} null it reconciles on its own. */
  public Replica start(String name, LeaderElectionSettings leaderElection) {
    var replica = new Replica(name, leaderElection);
    replicas.add(replica);
    return replica;
  }

  public OperatorReplicas step(Duration value) {
    releases.step(value);
    return this;
  }

  public EcsBlueGreenRelease apply(EcsBlueGreenRelease release) {
    return client.resource(release).create();
  }

  public EcsBlueGreenReleaseStatus status(String name) {
    return releases.status(name);
  }

  public void annotate(String name, String annotation) {
    releases.annotate(name, annotation);
  }

  /** Waits, moving simulated time one step per poll, until the release's status matches. */
  public EcsBlueGreenReleaseStatus awaitRelease(
      String name, Predicate<EcsBlueGreenReleaseStatus> condition) {
    return releases.awaitRelease(name, condition);
  }

  AwsSdkAccess access(String accessKey) {
    return access(accessKey, List.of());
  }

  private AwsSdkAccess access(
      String accessKey, List<software.amazon.awssdk.core.interceptor.ExecutionInterceptor> hooks) {
    return new AwsSdkAccess(
        AwsClientSettings.defaults("us-east-1")
            .withEndpointOverride(sim.endpoint())
            .withCredentials(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
            .withMaxAttempts(2),
        hooks);
  }

  @Override
  public void close() {
    replicas.forEach(Replica::close);
    client.close();
    server.destroy();
    sim.close();
  }

  /** One operator process, wired as {@code OperatorServices} wires {@code run}. */
  public final class Replica implements AutoCloseable {
    public final String name;
    public final String accessKey;
    public final OperatorMetrics metrics = new OperatorMetrics();
    public final OperatorHealth health = new OperatorHealth();
    public final OperatorHttpServer http = OperatorHttpServer.start(0, health, metrics);
    public final AtomicInteger passes = new AtomicInteger();
    public final AtomicBoolean lostLeadership = new AtomicBoolean();
    public final Leadership leadership = new Leadership(() -> lostLeadership.set(true));
    private final KubernetesClient ownClient = server.createClient();
    private final AwsSdkAccess access;
    private final OperatorRunner.Running running;
    private boolean closed;

    private Replica(String name, LeaderElectionSettings leaderElection) {
      this.name = name;
      this.accessKey = "AKID" + name.toUpperCase(java.util.Locale.ROOT).replace("-", "");
      this.access = access(accessKey, List.of(new AwsCallMetrics(metrics.registry())));
      metrics.registerLeader(() -> leaderElection == null || leadership.isLeader());
      var releaseMetrics = counting(new MicrometerReleaseMetrics(metrics.registry()));
      var options =
          new OperatorRunner.Options(
              metrics.josdkMetrics(),
              releaseMetrics,
              leaderElection == null
                  ? null
                  : leaderElection.toConfiguration(leadership.callbacks()));
      var config =
          OperatorConfig.defaults()
              .withAwsEndpoint(sim.endpoint())
              .withPolls(
                  Duration.ofMillis(50),
                  Duration.ofMillis(100),
                  Duration.ofMillis(500),
                  Duration.ofMillis(10));
      running = OperatorRunner.start(config, ownClient, access, clock, options);
      health.started(running.operator().getRuntimeInfo());
    }

    private ReleaseMetrics counting(ReleaseMetrics delegate) {
      return new ReleaseMetrics() {
        @Override
        public void reported(
            ResourceID release,
            EcsBlueGreenReleaseStatus previous,
            EcsBlueGreenReleaseStatus current,
            Instant now) {
          passes.incrementAndGet();
          delegate.reported(release, previous, current, now);
        }

        @Override
        public void forget(ResourceID release) {
          delegate.forget(release);
        }
      };
    }

    /** GET a path of this replica's HTTP server. */
    public HttpResponse<String> get(String path) {
      try {
        return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + this.http.port() + path))
                .build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    /** Stops the operator the way the shutdown hook does. */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      health.stopping();
      leadership.stopping();
      running.close();
      access.close();
      ownClient.close();
      http.close();
      metrics.close();
    }
  }
}
