package dev.ecsbluegreen.operator.embedded;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.simulator.Simulator;
import dev.ecsbluegreen.simulator.world.ScaledClock;
import dev.ecsbluegreen.simulator.world.World;
import dev.ecsbluegreen.simulator.world.WorldLoader;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The operator's whole job on a laptop: an embedded Kubernetes API, the AWS simulator with a world
 * matching the examples, the operator, the releases applied, load on every production listener,
 * progress shown live, the manual gate promoted as a user would, and a verdict at the end. Without
 * its own operator, the same API, simulator and releases wait for the user's `run` command.
 */
public final class EmbeddedDemo {
  private static final String WORLD = "/embedded/world.yaml";
  private static final long REFRESH_MILLIS = 250;

  private final DemoSettings settings;
  private final OperatorLauncher launcher;
  private final PrintStream out;
  private final Map<String, GreenRevision> greenArns = new HashMap<>();

  public EmbeddedDemo(DemoSettings settings, OperatorLauncher launcher, PrintStream out) {
    this.settings = settings;
    this.launcher = launcher;
    this.out = out;
  }

  /**
   * Runs the demo; 0 when every release ended as its manifest expects with no failed request.
   * Without its own operator it serves the releases to the user's until interrupted, and returns 0.
   */
  public int run() throws InterruptedException {
    var manifests =
        settings.manifests().isEmpty()
            ? BundledExamples.load()
            : ReleaseManifests.read(settings.manifests());
    var clock = ScaledClock.minuteLasts(settings.minuteMillis());
    var world = world();
    try (var aws = Simulator.start(world, clock, settings.awsPort());
        var kubernetes = EmbeddedKubernetes.start(settings.apiPort())) {
      out.printf(
          "Kubernetes API %s, AWS endpoint %s, a simulated minute lasts %.0f ms%n",
          kubernetes.url(), aws.endpoint(), settings.minuteMillis());
      if (!settings.ownOperator()) {
        serveWithoutOperator(kubernetes, aws, world, manifests);
        return 0;
      }
      try (var operator =
          launcher.start(kubernetes.client(), aws.endpoint(), clock.asJavaClock())) {
        return runWithOperator(kubernetes, aws, manifests);
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e);
    }
  }

  private int runWithOperator(
      EmbeddedKubernetes kubernetes, Simulator aws, List<ReleaseManifests.Manifest> manifests)
      throws IOException, InterruptedException {
    apply(kubernetes.client(), manifests);
    var loads = startLoads(aws, releases(manifests));
    var finished = follow(kubernetes.client(), loads);
    loads.values().forEach(ListenerLoad::close);
    var verdict = DemoSummary.print(out, finished, figures(loads));
    if (settings.keepRunning()) {
      keepRunning(kubernetes, aws, finished);
    }
    return verdict ? 0 : 1;
  }

  /**
   * The releases applied and left to an operator the user runs: this process only shows them
   * progressing, with the load figures, and tells the person at a manual gate what to type. It
   * writes nothing to the releases, so the user's operator is the only one acting on them.
   */
  private void serveWithoutOperator(
      EmbeddedKubernetes kubernetes,
      Simulator aws,
      World world,
      List<ReleaseManifests.Manifest> manifests)
      throws IOException, InterruptedException {
    apply(kubernetes.client(), manifests);
    var kubeconfig = Kubeconfig.write(settings.kubeconfig(), kubernetes.url());
    out.println();
    out.print(
        RunInstructions.text(
            kubeconfig, aws.endpoint(), aws.region(), RunInstructions.currentJar()));
    out.println();
    var loads = startLoads(aws, releases(manifests));
    try {
      watchUntilStopped(kubernetes.client(), loads, world);
    } finally {
      loads.values().forEach(ListenerLoad::close);
    }
  }

  private void watchUntilStopped(
      KubernetesClient client, Map<String, ListenerLoad> loads, World world)
      throws InterruptedException {
    var display = new LiveDisplay(out, settings.terminal());
    var narrator = new ProgressNarrator(display::event, settings.terminal());
    var gates = new GateHint(display::event, world, settings.minuteMillis());
    var stop = stopOnShutdown();
    do {
      var releases = currentReleases(client);
      narrator.observe(releases);
      gates.observe(releases);
      display.show(rows(releases), figures(loads));
    } while (!stop.await(REFRESH_MILLIS, TimeUnit.MILLISECONDS));
  }

  private static List<EcsBlueGreenRelease> releases(List<ReleaseManifests.Manifest> manifests) {
    return manifests.stream().map(ReleaseManifests.Manifest::release).toList();
  }

  /**
   * Every release, the user's own included, sorted as kubectl lists them; the green revision of
   * each one the demo loads is noted, so answers from it count as green's.
   */
  private List<EcsBlueGreenRelease> currentReleases(KubernetesClient client) {
    var releases =
        client.resources(EcsBlueGreenRelease.class).inAnyNamespace().list().getItems().stream()
            .sorted(Comparator.comparing(ProgressNarrator::key))
            .toList();
    releases.forEach(
        r -> {
          var green = greenArns.get(ProgressNarrator.key(r));
          if (green != null) {
            green.update(r);
          }
        });
    return releases;
  }

  /** Counted down by Ctrl-C (the JVM's shutdown), which is how the user stops a kept-up demo. */
  private static CountDownLatch stopOnShutdown() {
    var stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
    return stop;
  }

  private static World world() {
    try (InputStream in = EmbeddedDemo.class.getResourceAsStream(WORLD)) {
      return WorldLoader.read(in, "embedded world " + WORLD);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void apply(KubernetesClient client, List<ReleaseManifests.Manifest> manifests) {
    var namespaces = new HashSet<String>();
    for (var manifest : manifests) {
      var release = manifest.release();
      var namespace = release.getMetadata().getNamespace();
      if (namespace == null) {
        namespace = "default";
        release.getMetadata().setNamespace(namespace);
      }
      if (namespaces.add(namespace)) {
        client
            .namespaces()
            .resource(
                new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
            .create();
      }
      client.resource(release).create();
      out.printf(
          "$ kubectl apply -f %s   # %s/%s%n",
          manifest.fileName(), namespace, release.getMetadata().getName());
    }
  }

  private Map<String, ListenerLoad> startLoads(Simulator aws, List<EcsBlueGreenRelease> releases) {
    var loads = new LinkedHashMap<String, ListenerLoad>();
    for (var release : releases) {
      var service = release.getSpec().service();
      var listener =
          aws.listenerUriOf(service.cluster(), service.name(), World.ListenerKind.PRODUCTION);
      var key = ProgressNarrator.key(release);
      var greenArn = new GreenRevision();
      greenArns.put(key, greenArn);
      loads.put(key, new ListenerLoad(key, listener, greenArn::get));
    }
    return loads;
  }

  private List<EcsBlueGreenRelease> follow(KubernetesClient client, Map<String, ListenerLoad> loads)
      throws InterruptedException {
    var display = new LiveDisplay(out, settings.terminal());
    var narrator = new ProgressNarrator(display::event, settings.terminal());
    var promoter = new DemoPromoter(client, display::event, settings.promotionPause());
    var deadline = Instant.now().plus(settings.timeout());
    var firstReconcile = new FirstReconcile();
    while (true) {
      var releases = currentReleases(client);
      firstReconcile.observe(releases, display::event);
      narrator.observe(releases);
      promoter.promoteWaiting(releases);
      display.show(rows(releases), figures(loads));
      if (releases.stream().allMatch(ReleaseOutcome::ended)) {
        return releases;
      }
      if (Instant.now().isAfter(deadline)) {
        display.event(
            "Gave up after " + settings.timeout().toSeconds() + "s: some releases have not ended");
        return releases;
      }
      Thread.sleep(REFRESH_MILLIS);
    }
  }

  private static List<ReleaseRow> rows(List<EcsBlueGreenRelease> releases) {
    var now = Instant.now();
    return releases.stream().map(r -> ReleaseRow.of(r, now)).toList();
  }

  private static Map<String, LoadFigures> figures(Map<String, ListenerLoad> loads) {
    var figures = new HashMap<String, LoadFigures>();
    loads.forEach((key, load) -> figures.put(key, load.figures()));
    return figures;
  }

  private void keepRunning(
      EmbeddedKubernetes kubernetes, Simulator aws, List<EcsBlueGreenRelease> releases)
      throws IOException, InterruptedException {
    var kubeconfig = Kubeconfig.write(settings.kubeconfig(), kubernetes.url());
    out.printf(
        """

        The embedded Kubernetes API and the AWS simulator keep running. Press Ctrl-C to stop.
          export KUBECONFIG=%s
          kubectl get releases -A
          %s
          aws --endpoint-url %s --region us-east-1 deploy list-deployments
        (any access key works with the simulator: export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test)
        %n""",
        kubeconfig.toAbsolutePath(), nextStep(releases), aws.endpoint());
    stopOnShutdown().await();
  }

  /**
   * A command worth trying on the releases this run applied: retry one that rolled back or failed,
   * otherwise describe the first.
   */
  static String nextStep(List<EcsBlueGreenRelease> releases) {
    var first = releases.get(0);
    var retryable =
        releases.stream()
            .filter(
                r ->
                    r.getStatus() != null
                        && (r.getStatus().phase() == Phase.RolledBack
                            || r.getStatus().phase() == Phase.Failed))
            .findFirst();
    var release = retryable.orElse(first);
    var name = release.getMetadata().getName();
    var namespace = release.getMetadata().getNamespace();
    return retryable.isPresent()
        ? ActionCommand.annotate(name, namespace, "ecs.bluegreen.dev/retry")
        : "kubectl describe release %s -n %s".formatted(name, namespace);
  }

  /** Says once how long the JVM took from its start to the operator's first status write. */
  private static final class FirstReconcile {
    private boolean seen;

    void observe(List<EcsBlueGreenRelease> releases, Consumer<String> say) {
      if (seen || releases.stream().allMatch(r -> r.getStatus() == null)) {
        return;
      }
      seen = true;
      var jvmStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
      var elapsed = Duration.between(jvmStart, Instant.now());
      say.accept(
          "First release reconciled %.1f s after the JVM started"
              .formatted(elapsed.toMillis() / 1000.0));
    }
  }

  /**
   * The task definition a release deploys, as its status last said; answers from it are green's.
   */
  private static final class GreenRevision {
    private volatile String arn;

    void update(EcsBlueGreenRelease release) {
      if (release.getStatus() != null && release.getStatus().taskDefinitionArn() != null) {
        arn = release.getStatus().taskDefinitionArn();
      }
    }

    String get() {
      return arn;
    }
  }
}
