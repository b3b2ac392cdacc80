package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.aws.DeploymentGroupState;
import dev.ecsbluegreen.operator.config.EventsSettings;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.InWallTime;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Releases driven by CodeDeploy's pushed state changes (EventBridge to SQS) rather than by polls.
 * Where a scenario must prove an event moved a release, every poll waits an hour, so only the event
 * can show the outcome within the test's timeout; delivery faults make events lost, late or
 * doubled.
 */
class PushedEventsIT extends HarnessScenarios {
  static final Duration ACTIVE = Duration.ofMillis(50);
  static final Duration HOUR = Duration.ofHours(1);
  static final Duration QUIET_AFTER = Duration.ofMinutes(2);

  /** Wall time within which an event must have moved the release. */
  static final Duration PROMPTLY = Duration.ofSeconds(3);

  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return new OperatorHarness(
        kubernetes, "evpush", "evlate", "evdup", "evlost", "evquiet", "evgarbage", "evdue");
  }

  @AfterEach
  void clearDeliveryFaults() {
    harness.sim.events().faults().clear();
    harness.step(Duration.ofSeconds(20));
  }

  /** Events, with every poll an hour apart: only an event moves a release. */
  private void onlyEvents(Duration quietAfter) {
    harness.restartWithEvents(
        HOUR, HOUR, new EventsSettings(harness.eventsQueueUrl(), HOUR, quietAfter));
  }

  /** Events, with a short safety net: lost events are made up for by polls. */
  private void eventsWithSafetyNet(Duration safetyPoll) {
    harness.restartWithEvents(
        ACTIVE,
        Duration.ofMillis(100),
        new EventsSettings(harness.eventsQueueUrl(), safetyPoll, QUIET_AFTER));
  }

  /**
   * Applies a release and waits until its deployment's START event has been seen (the release shows
   * the deployment in progress), moving simulated time a second per look so the deployment is still
   * installing when this returns.
   */
  private String deploy(String lane) {
    return deploy(lane, harness.groupShape(lane, 0, "CONTINUE_DEPLOYMENT", null));
  }

  private String deploy(String lane, DeploymentGroupState group) {
    return deploy(lane, group, release(lane).image("example/" + lane + ":2").build());
  }

  private String deploy(String lane, DeploymentGroupState group, EcsBlueGreenRelease release) {
    harness.createGroup(group);
    harness.step(Duration.ofSeconds(1));
    harness.apply(release);
    var status = harness.awaitRelease(lane, s -> "IN_PROGRESS".equals(s.deploymentStatus()));
    assertThat(status.phase()).isEqualTo(Phase.Deploying);
    settle();
    return status.deploymentId();
  }

  /**
   * Lets the passes the new deployment set off read it before the test moves simulated time on: a
   * read that comes after would see the future and make the event look unneeded.
   */
  private void settle() {
    var seen = new AtomicLong(-1);
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              long calls = codeDeployCalls();
              return seen.getAndSet(calls) == calls;
            });
  }

  private long codeDeployCalls() {
    return harness.sim.callLog().all().stream()
        .filter(call -> call.service().equals("codedeploy"))
        .count();
  }

  private List<String> undeleted() {
    return harness.sim.queues().byName(OperatorHarness.EVENTS_QUEUE).orElseThrow().bodies();
  }

  /** Waits in wall time only, without moving simulated time. */
  private EcsBlueGreenReleaseStatus within(Duration timeout, String lane, Phase phase) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> harness.status(lane) != null && harness.status(lane).phase() == phase);
    return harness.status(lane);
  }

  private boolean staysShort(Duration wait, String lane, Phase phase) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return harness.status(lane).phase() != phase;
  }

  private List<String> reasons(String lane) {
    return harness.events(lane).stream().map(Event::getReason).toList();
  }

  @Test
  void aSuccessEventReachesSucceededAtOnceThoughPollsAreAnHourApart() {
    onlyEvents(QUIET_AFTER);
    String id = deploy("evpush");
    long deletesBefore = harness.sim.callLog().countOk("DeleteMessageBatch");
    long readsBefore = harness.sim.callLog().countOk("BatchGetDeployments");

    // AWS finishes the deployment; nothing but its SUCCESS event can bring the release there now.
    harness.clock.advance(Duration.ofMinutes(10));
    var status = within(PROMPTLY, "evpush", Phase.Succeeded);

    assertThat(status.deploymentId()).isEqualTo(id);
    // The event said it all: the pass it set off read nothing, and the end is the event's time
    // (whole seconds, as EventBridge gives it).
    assertThat(harness.sim.callLog().countOk("BatchGetDeployments")).isEqualTo(readsBefore);
    assertThat(Instant.parse(status.completedAt()))
        .isEqualTo(
            harness.deployments("evpush").get(0).completeTime().truncatedTo(ChronoUnit.SECONDS));
    assertThat(harness.sim.callLog().countOk("ReceiveMessage")).isPositive();
    assertThat(harness.sim.callLog().countOk("DeleteMessageBatch")).isGreaterThan(deletesBefore);
    await().atMost(PROMPTLY).until(() -> undeleted().stream().noneMatch(b -> b.contains(id)));
    assertThat(reasons("evpush")).doesNotContain(EcsBlueGreenReleaseReconciler.EVENTS_QUIET);
  }

  @Test
  void aLateEventStillMovesTheReleaseWhenItArrives() {
    onlyEvents(Duration.ofMinutes(10));
    harness.sim.events().faults().delay("READY", 1.0, Duration.ofMinutes(5));
    deploy("evlate", harness.groupShape("evlate", 0, "STOP_DEPLOYMENT", 60));

    // Green is ready and the deployment waits to be continued; its READY event is on its way.
    harness.clock.advance(Duration.ofMinutes(2));
    assertThat(staysShort(Duration.ofSeconds(1), "evlate", Phase.AwaitingPromotion)).isTrue();

    harness.clock.advance(Duration.ofMinutes(5));
    within(PROMPTLY, "evlate", Phase.AwaitingPromotion);
    // Late, but within the quiet threshold: nothing to warn about.
    assertThat(reasons("evlate")).doesNotContain(EcsBlueGreenReleaseReconciler.EVENTS_QUIET);
  }

  @Test
  void duplicatedEventsCauseNoSecondAction() {
    onlyEvents(QUIET_AFTER);
    harness.sim.events().faults().duplicate("*", 1.0);
    String id = deploy("evdup");

    harness.clock.advance(Duration.ofMinutes(10));
    within(PROMPTLY, "evdup", Phase.Succeeded);

    // Let the doubled SUCCESS be handled too, then count what the release did.
    await().atMost(PROMPTLY).until(() -> undeleted().stream().noneMatch(b -> b.contains(id)));
    assertThat(harness.deployments("evdup")).hasSize(1);
    assertThat(harness.sim.callLog().count("StopDeployment")).isZero();
    assertThat(reasons("evdup")).containsOnlyOnce("DeploymentSucceeded");
    assertThat(harness.status("evdup").history()).hasSize(1);
  }

  @Test
  void aLostSuccessEventIsMadeUpForByTheSafetyNetPoll() {
    eventsWithSafetyNet(Duration.ofMillis(500));
    harness.sim.events().faults().drop("SUCCESS", 1.0);
    // A canary, so the deployment cannot end for a minute and the passes after START settle.
    deploy(
        "evlost",
        harness.groupShape("evlost", 0, "CONTINUE_DEPLOYMENT", null),
        release("evlost").image("example/evlost:2").canary(10, 1).build());

    harness.step(Duration.ofSeconds(20));
    harness.awaitPhase("evlost", Phase.Succeeded);

    // START arrived, so the queue is not quiet for it: only the success went missing.
    assertThat(reasons("evlost")).doesNotContain(EcsBlueGreenReleaseReconciler.EVENTS_QUIET);
  }

  @Test
  void aLostSuccessEventIsSeenSecondsAfterTheEndThoughTheSafetyNetIsAnHourApart() {
    // Looks a second apart once a deployment can end; every other look an hour apart.
    harness.restartWithEvents(
        Duration.ofSeconds(1), HOUR, new EventsSettings(harness.eventsQueueUrl(), HOUR, HOUR));
    harness.sim.events().faults().drop("SUCCESS", 1.0);
    String id = deploy("evdue");

    // Running, and followed by events: the status claims no step and no traffic it did not read.
    var running = harness.status("evdue");
    assertThat(running.traffic()).isNull();
    assertThat(running.message()).contains(id + " in progress");

    Instant seen =
        InWallTime.until(
            harness, "evdue", s -> s.phase() == Phase.Succeeded, Duration.ofSeconds(60));
    Instant completed =
        harness.codeDeploy.getDeployment(b -> b.deploymentId(id)).deploymentInfo().completeTime();
    assertThat(Duration.between(completed, seen)).isLessThan(Duration.ofSeconds(3));
    // Nothing in a run that ended well needed its target: never read, so no lifecycle events.
    assertThat(harness.status("evdue").lifecycleEvents()).isNull();
  }

  @Test
  void aQueueQuietWhileTheDeploymentRunsIsReportedAndPollingTakesOver() {
    eventsWithSafetyNet(Duration.ofMillis(500));
    harness.sim.events().faults().drop("*", 1.0);
    var options = harness.groupShape("evquiet", 0, "STOP_DEPLOYMENT", 60);
    harness.createGroup(options);
    harness.apply(release("evquiet").image("example/evquiet:2").build());

    // Held in the ready wait, unheard for longer than the quiet threshold.
    harness.step(Duration.ofSeconds(30));
    harness.awaitPhase("evquiet", Phase.AwaitingPromotion);
    harness.awaitRelease("evquiet", s -> reasons("evquiet").contains("EventsQuiet"));

    var quiet =
        harness.events("evquiet").stream()
            .filter(e -> EcsBlueGreenReleaseReconciler.EVENTS_QUIET.equals(e.getReason()))
            .toList();
    assertThat(quiet).hasSize(1);
    assertThat(quiet.get(0).getType()).isEqualTo("Warning");
    assertThat(quiet.get(0).getMessage())
        .contains(harness.status("evquiet").deploymentId())
        .contains("polling it at the normal pace")
        .contains("EventBridge rule");
  }

  @Test
  void messagesThatAreNoDeploymentEventAreDeletedAndEventsStillFlow() {
    onlyEvents(QUIET_AFTER);
    try (var sqs = sqsClient()) {
      String url = harness.eventsQueueUrl().toString();
      sqs.sendMessage(b -> b.queueUrl(url).messageBody("not json at all"));
      sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"source\":\"aws.s3\",\"detail\":{}}"));
      sqs.sendMessage(b -> b.queueUrl(url).messageBody("[1,2,3]"));
    }
    deploy("evgarbage");

    harness.clock.advance(Duration.ofMinutes(10));
    within(PROMPTLY, "evgarbage", Phase.Succeeded);
    assertThat(undeleted()).doesNotContain("not json at all", "[1,2,3]");
    assertThat(undeleted()).noneMatch(b -> b.contains("aws.s3"));
  }

  private SqsClient sqsClient() {
    return SqsClient.builder()
        .endpointOverride(harness.sim.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
