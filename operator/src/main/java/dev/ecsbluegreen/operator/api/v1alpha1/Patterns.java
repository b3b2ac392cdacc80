package dev.ecsbluegreen.operator.api.v1alpha1;

/**
 * Patterns shared by the schema annotations and the CEL rules. They follow the constraints AWS
 * documents for each name, so a typo is refused at admission instead of failing a deployment.
 */
final class Patterns {
  static final String REGION = "^[a-z]{2}(-[a-z]+)+-[0-9]+$";
  static final String IAM_ROLE_ARN =
      "^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$";
  static final String ECS_NAME = "^[A-Za-z0-9_-]{1,255}$";
  static final String ECS_CLUSTER =
      "^([A-Za-z0-9_-]{1,255}|arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:cluster/[A-Za-z0-9_-]{1,255})$";
  static final String CODEDEPLOY_NAME = "^[A-Za-z0-9.+=,@_-]{1,100}$";
  static final String TASK_DEFINITION_ARN =
      "^arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:task-definition/[A-Za-z0-9_-]{1,255}:[0-9]+$";
  static final String TASK_DEFINITION_REF =
      "^([A-Za-z0-9_-]{1,255}(:[0-9]+)?|arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:task-definition/[A-Za-z0-9_-]{1,255}:[0-9]+)$";
  static final String LAMBDA_FUNCTION =
      "^(arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:)?[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]{1,128})?$";
  static final String LISTENER_ARN =
      "^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:listener/(app|net)/[A-Za-z0-9-]+/[0-9a-f]+/[0-9a-f]+$";
  static final String LAMBDA_FUNCTION_ARN =
      "^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]{1,128})?$";
  static final String TARGET_GROUP_ARN =
      "^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]+$";

  /** An Application Load Balancer listener rule, or a Network Load Balancer listener. */
  static final String LISTENER_RULE_ARN =
      "^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:(listener-rule/app/[A-Za-z0-9-]+/[0-9a-f]+/[0-9a-f]+/[0-9a-f]+|listener/net/[A-Za-z0-9-]+/[0-9a-f]+/[0-9a-f]+)$";

  static final String SNS_TOPIC_ARN =
      "^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$";
  static final String TARGET_GROUP_NAME = "^[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?$";

  /** A DNS label: an analysis check's name, used in Events and metric labels. */
  static final String DNS_LABEL = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";

  static final String HTTP_URL = "^https?://[^\\s]+$";

  /** An absolute URL path with an optional query: no whitespace and no fragment. */
  static final String URL_PATH = "^/[^\\s#]*$";

  /** A Kubernetes object name such as a Secret's: a DNS subdomain. */
  static final String DNS_SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** A key of a Secret's data. */
  static final String SECRET_KEY = "^[-._a-zA-Z0-9]+$";

  static final String ALARM_NAME = "^[^:]{1,255}$";

  /**
   * An image reference without whitespace: up to 255 characters, then optionally an
   * {@code @sha256:} digest. RE2, which the API server uses, allows no repeat count above 1000.
   */
  static final String IMAGE = "^[^\\s@]{1,255}(@sha256:[0-9a-fA-F]{64})?$";

  private Patterns() {}
}
