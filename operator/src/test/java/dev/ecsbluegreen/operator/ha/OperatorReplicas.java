package dev.ecsbluegreen.operator.ha;

import dev.ecsbluegreen.operator.OperatorRunner;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.aws.AwsClientSettings;
import dev.ecsbluegreen.operator.aws.AwsGuardSettings;
import dev.ecsbluegreen.operator.aws.AwsGuards;
import dev.ecsbluegreen.operator.aws.AwsSdkAccess;
import dev.ecsbluegreen.operator.config.OperatorConfig;
import dev.ecsbluegreen.operator.fixtures.Lanes;
import dev.ecsbluegreen.operator.fixtures.RealApiServer;
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
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Several operator replicas as production runs them (metrics, health server, optional leader
 * election) against one Kubernetes API holding the release CRD and one simulator: a CRUD-mode mock
 * API server, or namespaces on the {@link RealApiServer} ({@link #onRealServer}). Each replica
 * signs its AWS calls with its own access key, so the simulator's call log says which replica made
 * each call. Simulated time, shared by the simulator and every reconciler, moves only while a test
 * waits ({@link #awaitRelease}).
 */
public final class OperatorReplicas implements AutoCloseable {
  public static final String NAMESPACE = "default";
  public static final String OPERATOR_NAMESPACE = "ecs-bluegreen-system";

  public final ManualClock simClock = new ManualClock();
  public final Clock clock = simClock.asJavaClock();
  public final Simulator sim;
  public final KubernetesClient client;

  /** Where the test's releases live. */
  public final String namespace;

  /** The operator's own namespace, where the leader-election Lease lives. */
  public final String operatorNamespace;

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final Supplier<Config> replicaConfig;
  private final Runnable closeApi;
  private final List<Replica> replicas = new ArrayList<>();
  private final ReleasesInNamespace releases;

  /** Replicas on a fresh mock API server; releases in {@value #NAMESPACE}. */
  public OperatorReplicas(String... lanes) {
    this(mockServer(), NAMESPACE, OPERATOR_NAMESPACE, lanes);
  }

  private OperatorReplicas(Api api, String namespace, String operatorNamespace, String... lanes) {
    sim = Simulator.start(world(lanes), simClock);
    this.client = api.client();
    this.replicaConfig = api.replicaConfig();
    this.closeApi = api.close();
    this.namespace = namespace;
    this.operatorNamespace = operatorNamespace;
    releases = new ReleasesInNamespace(client, namespace, simClock, Duration.ofSeconds(30));
  }

  /**
   * Replicas on the shared real API server, as cluster-admin unless a test {@link #start(String,
   * LeaderElectionSettings, Config, Set, Interceptor) starts one with other credentials}.
   *
   * @param namespace where the test's releases live; it must exist
   * @param operatorNamespace where the Lease lives; it must exist
   */
  public static OperatorReplicas onRealServer(
      String namespace, String operatorNamespace, String... lanes) {
    var server = RealApiServer.get();
    var admin = server.newAdminClient();
    return new OperatorReplicas(
        new Api(admin, server::adminConfig, admin::close), namespace, operatorNamespace, lanes);
  }

  /** The API the replicas talk to: the test's client, each replica's settings, and cleanup. */
  private record Api(KubernetesClient client, Supplier<Config> replicaConfig, Runnable close) {}

  private static Api mockServer() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    var server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    server.init();
    allowLeases(server);
    var client = server.createClient();
    ReleasesInNamespace.installCrd(client);
    return new Api(
        client,
        () -> server.createClient().getConfiguration(),
        () -> {
          client.close();
          server.destroy();
        });
  }

  /**
   * JOSDK checks with a SelfSubjectRulesReview that it may use Leases before electing; the CRUD
   * mock would store the review without answering it. Answer as the chart's Role grants: create
   * leases, and get, update and patch on the one Lease.
   */
  private static void allowLeases(KubernetesMockServer server) {
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

  /**
   * Starts a replica watching the test's namespace; with {@code leaderElection} null it reconciles
   * on its own.
   */
  public Replica start(String name, LeaderElectionSettings leaderElection) {
    return start(name, leaderElection, replicaConfig.get(), Set.of(namespace), null);
  }

  /**
   * Starts a replica with its own Kubernetes credentials.
   *
   * @param watched the namespaces it watches; empty: all
   * @param requests sees every request the replica makes to Kubernetes; may be null
   */
  public Replica start(
      String name,
      LeaderElectionSettings leaderElection,
      Config kubernetes,
      Set<String> watched,
      Interceptor requests) {
    var replica = new Replica(name, leaderElection, kubernetes, watched, requests);
    replicas.add(replica);
    return replica;
  }

  public OperatorReplicas step(Duration value) {
    releases.step(value);
    return this;
  }

  public EcsBlueGreenRelease apply(EcsBlueGreenRelease release) {
    release.getMetadata().setNamespace(namespace);
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

  private AwsSdkAccess access(String accessKey, List<ExecutionInterceptor> hooks) {
    return new AwsSdkAccess(
        AwsClientSettings.defaults("us-east-1")
            .withEndpointOverride(sim.endpoint())
            .withCredentials(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
            .withMaxAttempts(2),
        hooks,
        AwsGuards.unmetered(AwsGuardSettings.simulated(), clock));
  }

  @Override
  public void close() {
    replicas.forEach(Replica::close);
    closeApi.run();
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
    private final AtomicBoolean crashed = new AtomicBoolean();
    private final KubernetesClient ownClient;
    private final AwsSdkAccess access;
    private final OperatorRunner.Running running;
    private LeaseRenewals renewals;
    private boolean closed;

    private Replica(
        String name,
        LeaderElectionSettings leaderElection,
        Config kubernetes,
        Set<String> watched,
        Interceptor requests) {
      this.name = name;
      this.accessKey = "AKID" + name.toUpperCase(java.util.Locale.ROOT).replace("-", "");
      this.ownClient =
          new KubernetesClientBuilder()
              .withConfig(kubernetes)
              .withHttpClientBuilderConsumer(
                  http -> {
                    http.addOrReplaceInterceptor("crash", new CrashSwitch(crashed));
                    if (requests != null) {
                      http.addOrReplaceInterceptor("requests", requests);
                    }
                  })
              .build();
      this.access =
          access(
              accessKey,
              List.of(new AwsCrashSwitch(crashed), new AwsCallMetrics(metrics.registry())));
      metrics.registerLeader(() -> leaderElection == null || leadership.isLeader());
      if (leaderElection != null) {
        renewals = LeaseRenewals.start(ownClient, leaderElection, Clock.systemUTC());
        metrics.registerLeaseRenewalAge(renewals::sinceLastRenewal);
      }
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
              .withNamespaces(watched)
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
            java.net.http.HttpRequest.newBuilder(
                    URI.create("http://localhost:" + this.http.port() + path))
                .build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    /**
     * Cuts the replica off as if its process were killed: from now on none of its requests reach
     * Kubernetes or AWS, and it gives nothing back (its Lease simply stops being renewed).
     */
    public void crash() {
      crashed.set(true);
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
      if (renewals != null) {
        renewals.close();
      }
      access.close();
      ownClient.close();
      http.close();
      metrics.close();
    }
  }

  /** Fails every Kubernetes request of a crashed replica before it leaves the process. */
  private record CrashSwitch(AtomicBoolean crashed) implements Interceptor {
    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
      if (crashed.get()) {
        throw new KubernetesClientException("the replica has crashed: " + request.uri());
      }
    }
  }

  /** Fails every AWS call of a crashed replica before it leaves the process. */
  private record AwsCrashSwitch(AtomicBoolean crashed) implements ExecutionInterceptor {
    @Override
    public void beforeExecution(
        software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
        ExecutionAttributes attributes) {
      if (crashed.get()) {
        throw SdkClientException.create("the replica has crashed");
      }
    }
  }
}
