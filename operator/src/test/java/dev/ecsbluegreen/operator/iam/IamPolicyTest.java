package dev.ecsbluegreen.operator.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsbluegreen.operator.iam.IamPolicy.Statement;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** examples/iam-policy.json grants the operator's calls and nothing broader. */
class IamPolicyTest {
  /**
   * The operator's AWS surface (the gateways in dev.ecsbluegreen.operator.aws) plus implied ones.
   */
  static final Set<String> EXPECTED_ACTIONS =
      Set.of(
          "ecs:DescribeServices",
          "cloudwatch:GetMetricData",
          "ecs:DescribeTaskDefinition",
          "ecs:ListTaskDefinitions",
          "ecs:RegisterTaskDefinition",
          "ecs:TagResource",
          "ecs:UpdateService",
          "ecs:DescribeServiceDeployments",
          "ecs:DescribeServiceRevisions",
          "ecs:StopServiceDeployment",
          "ecs:ContinueServiceDeployment",
          "codedeploy:CreateDeployment",
          "codedeploy:BatchGetDeployments",
          "codedeploy:ListDeployments",
          "codedeploy:ListDeploymentTargets",
          "codedeploy:BatchGetDeploymentTargets",
          "codedeploy:StopDeployment",
          "codedeploy:ContinueDeployment",
          "codedeploy:RegisterApplicationRevision",
          "codedeploy:GetDeploymentConfig",
          "codedeploy:CreateDeploymentConfig",
          "codedeploy:GetApplication",
          "codedeploy:CreateApplication",
          "codedeploy:BatchGetDeploymentGroups",
          "codedeploy:CreateDeploymentGroup",
          "codedeploy:UpdateDeploymentGroup",
          "iam:PassRole",
          "sqs:ReceiveMessage",
          "sqs:DeleteMessage",
          "sqs:ChangeMessageVisibility",
          "sts:AssumeRole",
          "elasticloadbalancing:DescribeListeners",
          "elasticloadbalancing:DescribeLoadBalancers");

  /** Actions without resource-level permissions: IAM accepts only "*" for them. */
  static final Set<String> NEED_ANY_RESOURCE =
      Set.of(
          "ecs:DescribeTaskDefinition",
          "ecs:ListTaskDefinitions",
          "ecs:RegisterTaskDefinition",
          "elasticloadbalancing:DescribeListeners",
          "elasticloadbalancing:DescribeLoadBalancers",

          // GetMetricData names no resource: CloudWatch has no resource-level permissions for it.
          "cloudwatch:GetMetricData");

  final IamPolicy policy = IamPolicy.example();

  @Test
  void policyIsAnIamDocumentOfAllowStatementsWithUniqueSids() throws IOException {
    var json = new ObjectMapper().readTree(IamPolicy.EXAMPLE.toFile());

    assertThat(json.path("Version").asText()).isEqualTo("2012-10-17");
    assertThat(policy.statements())
        .isNotEmpty()
        .allSatisfy(
            s -> {
              assertThat(s.sid()).as("Sid").matches("[A-Za-z0-9]+");
              assertThat(s.effect()).isEqualTo("Allow");
              assertThat(s.actions()).isNotEmpty();
              assertThat(s.resources()).isNotEmpty();
            });
    assertThat(policy.statements().stream().map(Statement::sid)).doesNotHaveDuplicates();
  }

  @Test
  void grantsExactlyTheOperatorsActions() {
    assertThat(policy.actions()).containsExactlyInAnyOrderElementsOf(EXPECTED_ACTIONS);
  }

  @Test
  void noActionIsAWildcard() {
    assertThat(policy.actions()).noneMatch(a -> a.contains("*") || a.contains("?"));
  }

  @Test
  void onlyActionsWithoutResourceLevelPermissionsApplyToAnyResource() {
    assertThat(policy.statements())
        .filteredOn(s -> s.resources().contains("*"))
        .allSatisfy(s -> assertThat(NEED_ANY_RESOURCE).containsAll(s.actions()));
  }

  @Test
  void passRoleIsScopedToNamedRolesAndConditionedOnTheReceivingService() {
    var passRole = policy.statements().stream().filter(s -> s.grants("iam:PassRole")).toList();

    assertThat(passRole)
        .allSatisfy(
            s -> {
              assertThat(s.actions()).containsExactly("iam:PassRole");
              assertThat(s.resources())
                  .allMatch(r -> r.startsWith("arn:aws:iam::") && r.contains(":role/"));
              assertThat(s.condition()).isNotNull();
            });
    assertThat(passRole.stream().map(IamPolicyTest::passedTo))
        .containsExactlyInAnyOrder(
            "ecs-tasks.amazonaws.com", "codedeploy.amazonaws.com", "ecs.amazonaws.com");
  }

  @Test
  void tagResourceIsAllowedOnlyWhileRegisteringATaskDefinition() {
    var tagging = policy.statements().stream().filter(s -> s.grants("ecs:TagResource")).toList();

    assertThat(tagging)
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.condition().path("StringEquals").path("ecs:CreateAction").asText())
                    .isEqualTo("RegisterTaskDefinition"));
  }

  @Test
  void allowsMapsCallLogTargetsToIamActions() {
    assertThat(policy.allows("CodeDeploy_20141006.CreateDeployment")).isTrue();
    assertThat(policy.allows("AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition")).isTrue();
    assertThat(policy.allows("sts", "AssumeRole")).isTrue();
    assertThat(IamPolicy.iamAction("CodeDeploy_20141006", "BatchGetDeployments"))
        .isEqualTo("codedeploy:BatchGetDeployments");
    // IAM authorizes a batch delete as sqs:DeleteMessage.
    assertThat(IamPolicy.iamAction("AmazonSQS", "DeleteMessageBatch"))
        .isEqualTo("sqs:DeleteMessage");
    assertThat(policy.allows("sqs", "ReceiveMessage")).isTrue();
  }

  @Test
  void theEventsQueueIsReadOnlyAndNamed() {
    assertThat(policy.allows("sqs", "SendMessage")).isFalse();
    assertThat(policy.allows("sqs", "PurgeQueue")).isFalse();
    var queue =
        policy.statements().stream()
            .filter(s -> s.actions().contains("sqs:ReceiveMessage"))
            .findFirst()
            .orElseThrow();
    assertThat(queue.resources())
        .containsExactly("arn:aws:sqs:*:123456789012:ecs-bluegreen-events");
  }

  @Test
  void allowsRefusesWhatTheOperatorMustNeverDo() {
    // The operator never creates or deletes ECS services, nor deletes groups or revisions.
    assertThat(policy.allows("AmazonEC2ContainerServiceV20141113.CreateService")).isFalse();
    assertThat(policy.allows("AmazonEC2ContainerServiceV20141113.DeleteService")).isFalse();
    assertThat(policy.allows("AmazonEC2ContainerServiceV20141113.DeregisterTaskDefinition"))
        .isFalse();
    assertThat(policy.allows("CodeDeploy_20141006.DeleteDeploymentGroup")).isFalse();
  }

  @Test
  void allowsFailsLoudlyOnAServiceItCannotMap() {
    assertThatThrownBy(() -> policy.allows("Lambda_20150331.Invoke"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Lambda_20150331");
  }

  @Test
  void impliedActionsAreThoseNoCallLogShowsByName() {
    assertThat(policy.impliedActions())
        .containsExactlyInAnyOrder(
            "ecs:TagResource", "codedeploy:RegisterApplicationRevision", "iam:PassRole");
  }

  private static String passedTo(Statement statement) {
    return statement.condition().path("StringEquals").path("iam:PassedToService").asText();
  }
}
