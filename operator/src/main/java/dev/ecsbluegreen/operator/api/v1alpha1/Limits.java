package dev.ecsbluegreen.operator.api.v1alpha1;

/**
 * Size limits AWS documents for the values a release carries. The schema states them as maxItems,
 * maxLength and maxProperties because the API server prices every CEL rule from the sizes of what
 * it reads: an unbounded list or string makes a rule's worst case too expensive to admit the CRD.
 */
final class Limits {
  /** ECS service quota "Containers per task definition". */
  static final int CONTAINERS_PER_TASK_DEFINITION = 10;

  /** ECS ContainerDefinition name: up to 255 letters, digits, underscores and hyphens. */
  static final int CONTAINER_NAME_LENGTH = 255;

  /**
   * ECS ContainerDefinition image: 255 characters, not counting an {@code @sha256:} digest of 64
   * hex digits, which may follow.
   */
  static final int IMAGE_LENGTH = 255;

  /** The same with {@code @sha256:} and the 64 hex digits of a digest. */
  static final int IMAGE_WITH_DIGEST_LENGTH = IMAGE_LENGTH + 8 + 64;

  /** ECS AwsVpcConfiguration: at most 16 subnets. */
  static final int SUBNETS = 16;

  /** ECS AwsVpcConfiguration: at most 5 security groups. */
  static final int SECURITY_GROUPS = 5;

  /** subnet- followed by 8 to 17 hex digits. */
  static final int SUBNET_ID_LENGTH = 7 + 17;

  /** sg- followed by 8 to 17 hex digits. */
  static final int SECURITY_GROUP_ID_LENGTH = 3 + 17;

  /** The five ECS lifecycle events a CodeDeploy AppSpec can hook. */
  static final int HOOKS = 5;

  /** Lambda FunctionName: a qualified function ARN is at most 170 characters. */
  static final int LAMBDA_FUNCTION_LENGTH = 170;

  /**
   * The operator's own bound on ECS lifecycle hooks per release (ECS documents none): room for one
   * function per hookable stage and two more, and a bound the CEL cost estimate needs.
   */
  static final int ECS_LIFECYCLE_HOOKS = 10;

  /** The eight ECS lifecycle stages a hook can run at. */
  static final int ECS_HOOK_STAGES = 8;

  /** CodeDeploy: at most 10 CloudWatch alarms per deployment group or deployment. */
  static final int ALARMS = 10;

  /** CloudWatch alarm names: 1 to 255 characters. */
  static final int ALARM_NAME_LENGTH = 255;

  /** Elastic Load Balancing target group names: 1 to 32 characters. */
  static final int TARGET_GROUP_NAME_LENGTH = 32;

  /** ECS requiresCompatibilities takes each of its launch types once at most. */
  static final int COMPATIBILITIES = 3;

  private Limits() {}

  /** Analysis checks per release: the unique-name rule compares every pair. */
  static final int ANALYSIS_CHECKS = 10;

  /** Status codes an http check accepts. */
  static final int EXPECTED_STATUSES = 10;

  /** Length of an http check's URL. */
  static final int CHECK_URL_LENGTH = 2048;

  /** Length of the path an http check sends to a listener. */
  static final int CHECK_PATH_LENGTH = 1024;

  /** Length of an http check's body pattern. */
  static final int BODY_PATTERN_LENGTH = 256;

  /** Length of a prometheus check's PromQL query. */
  static final int PROMQL_QUERY_LENGTH = 4096;
}
