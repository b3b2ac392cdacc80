package dev.ecsbluegreen.operator.reconciler.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.HistoryEntry;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec;
import dev.ecsbluegreen.operator.aws.NativeServiceState;
import dev.ecsbluegreen.operator.aws.ServiceDeploymentSnapshot;
import dev.ecsbluegreen.operator.aws.ServiceState;
import dev.ecsbluegreen.operator.fixtures.Releases;
import dev.ecsbluegreen.operator.reconciler.Conditions.Health;
import dev.ecsbluegreen.operator.reconciler.Decision;
import dev.ecsbluegreen.operator.reconciler.Facts;
import dev.ecsbluegreen.operator.taskdef.TaskDefinitionPlan;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the ECS engine decides before a service deployment ARN is recorded. Pure. */
class EcsPreparingRulesTest {
  static final Instant INTENT = Instant.parse("2026-03-02T10:00:00Z");
  static final Instant NOW = INTENT.plusSeconds(30);
  static final String TD = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:";
  static final String WANTED = TD + "2";
  static final String RUNNING = TD + "1";
  static final EcsBlueGreenRelease RELEASE =
      Releases.release("web").ecs(new EcsSpec(null, null, null, null, null, null, null)).build();
  static final Facts FACTS =
      Facts.builder()
          .releaseToken("t-1")
          .releaseGeneration(1L)
          .requestedAt(INTENT.toString())
          .build();

  static ServiceState service(String controller) {
    return new ServiceState("prod", "web", "arn:svc", "ACTIVE", controller, WANTED);
  }

  static ServiceDeploymentSnapshot current(
      String arn, String status, Instant created, String target) {
    return new ServiceDeploymentSnapshot(
        arn,
        status,
        null,
        null,
        created,
        created,
        null,
        0,
        List.of(),
        null,
        List.of(),
        new ServiceDeploymentSnapshot.Strategy("BLUE_GREEN", 0, null, null),
        target,
        RUNNING);
  }

  static EcsPreparingRules rules(Facts facts, ServiceDeploymentSnapshot current) {
    var reads =
        new EcsPreparingReads(
            new NativeServiceState(service("ECS"), null, null, current),
            new TaskDefinitionPlan.Use(WANTED),
            null);
    return new EcsPreparingRules(RELEASE, facts, reads, NOW);
  }

  @Test
  void startsTheDeploymentWhenTheServiceRunsAnotherRevision() {
    var done = current("arn:old", "SUCCESSFUL", INTENT.minusSeconds(86400), RUNNING);

    var plan = rules(FACTS, done).plan();

    assertThat(plan.decision()).isEqualTo(new Decision.Start(WANTED));
    assertThat(plan.facts().previousTaskDefinitionArn()).isEqualTo(RUNNING);
  }

  @Test
  void adoptsTheDeploymentAnUnansweredUpdateServiceStarted() {
    var ours = current("arn:ours", "IN_PROGRESS", INTENT.plusSeconds(5), WANTED);

    var plan = rules(FACTS, ours).plan();

    assertThat(plan.decision()).isEqualTo(new Decision.Observe());
    assertThat(plan.facts().deploymentId()).isEqualTo("arn:ours");
    assertThat(plan.facts().taskDefinitionArn()).isEqualTo(WANTED);
    assertThat(plan.facts().previousTaskDefinitionArn()).isEqualTo(RUNNING);
  }

  @Test
  void neverAdoptsTheDeploymentOfAnEarlierAttemptOfTheSameRevision() {
    var rolledBack = current("arn:first", "ROLLBACK_SUCCESSFUL", INTENT.minusSeconds(60), WANTED);
    var retry =
        FACTS.toBuilder()
            .history(
                List.of(
                    new HistoryEntry(
                        1L, "arn:first", WANTED, Phase.RolledBack, "Rolled back", "x")))
            .build();

    var plan = rules(retry, rolledBack).plan();

    assertThat(plan.decision()).isEqualTo(new Decision.Start(WANTED));
  }

  @Test
  void waitsForSomeoneElsesDeploymentToEnd() {
    var foreign = current("arn:foreign", "IN_PROGRESS", INTENT.plusSeconds(5), TD + "9");

    var plan = rules(FACTS, foreign).plan();

    assertThat(plan.decision()).isEqualTo(new Decision.Observe());
    assertThat(plan.report().reason()).isEqualTo("ServiceBusy");
    assertThat(plan.report().message()).contains("arn:foreign");
    assertThat(plan.facts().deploymentId()).isNull();
  }

  @Test
  void serviceOnTheCodeDeployControllerStallsSayingHowToMigrate() {
    var reads =
        new EcsPreparingReads(
            new NativeServiceState(service("CODE_DEPLOY"), null, null, null), null, null);

    var plan = new EcsPreparingRules(RELEASE, FACTS, reads, NOW).plan();

    assertThat(plan.report().health()).isEqualTo(Health.STALLED);
    assertThat(plan.report().reason()).isEqualTo("DeploymentControllerMismatch");
    assertThat(plan.report().message())
        .contains("prod/web uses deployment controller CODE_DEPLOY")
        .contains("docs/migrating-to-ecs-native.md");
  }

  @Test
  void nothingToDeployWhenTheServiceServesTheRevisionAlready() {
    var done = current("arn:old", "SUCCESSFUL", INTENT.minusSeconds(86400), WANTED);

    var plan = rules(FACTS, done).plan();

    assertThat(plan.decision()).isEqualTo(new Decision.Observe());
    assertThat(plan.report().reason()).isEqualTo("NothingToDeploy");
  }
}
