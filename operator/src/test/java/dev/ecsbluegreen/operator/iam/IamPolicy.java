package dev.ecsbluegreen.operator.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * examples/iam-policy.json read as data, to compare with what the operator calls. The call-log test
 * (a release set against the simulator) asks {@link #allows(String)} for every logged operation and
 * compares the operations it saw with {@link #actions()} minus {@link #impliedActions()}.
 *
 * <p>Statements whose Sid starts with {@value #IMPLIED_SID_PREFIX} grant permissions AWS checks as
 * part of another call (iam:PassRole when registering a task definition, ecs:TagResource for tags
 * at registration, codedeploy:RegisterApplicationRevision inside CreateDeployment); no call log
 * shows them as operations of their own.
 */
public final class IamPolicy {
  public static final Path EXAMPLE = Path.of("..", "examples", "iam-policy.json");
  static final String IMPLIED_SID_PREFIX = "ImpliedBy";

  /** How a service shows up in a call log (awsJson target prefix or name) → IAM action prefix. */
  private static final Map<String, String> SERVICE_PREFIXES =
      Map.ofEntries(
          Map.entry("codedeploy_20141006", "codedeploy"),
          Map.entry("amazonec2containerservicev20141113", "ecs"),
          Map.entry("awssecuritytokenservicev20110615", "sts"),
          Map.entry("codedeploy", "codedeploy"),
          Map.entry("ecs", "ecs"),
          Map.entry("sts", "sts"),
          Map.entry("sqs", "sqs"),
          Map.entry("cloudwatch", "cloudwatch"),
          Map.entry("amazonsqs", "sqs"),
          Map.entry("iam", "iam"),
          Map.entry("elasticloadbalancing", "elasticloadbalancing"));

  /** Batch operations that IAM authorizes as their single-message action. */
  private static final Map<String, String> BATCH_ACTIONS =
      Map.of(
          "sqs:DeleteMessageBatch", "sqs:DeleteMessage",
          "sqs:ChangeMessageVisibilityBatch", "sqs:ChangeMessageVisibility");

  private final List<Statement> statements;

  private IamPolicy(List<Statement> statements) {
    this.statements = List.copyOf(statements);
  }

  public static IamPolicy example() {
    return load(EXAMPLE);
  }

  public static IamPolicy load(Path file) {
    try {
      return parse(new ObjectMapper().readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static IamPolicy parse(JsonNode policy) {
    var statements = new ArrayList<Statement>();
    for (JsonNode statement : policy.path("Statement")) {
      statements.add(
          new Statement(
              statement.path("Sid").asText(null),
              statement.path("Effect").asText(),
              strings(statement.get("Action")),
              strings(statement.get("Resource")),
              statement.get("Condition")));
    }
    return new IamPolicy(statements);
  }

  public List<Statement> statements() {
    return statements;
  }

  /**
   * Whether the policy allows an operation as a call log records it: {@code
   * "CodeDeploy_20141006.CreateDeployment"} (the X-Amz-Target header) or {@code "sts.AssumeRole"}.
   */
  public boolean allows(String target) {
    int dot = target.lastIndexOf('.');
    if (dot <= 0) {
      throw new IllegalArgumentException("expected <service>.<Operation>: " + target);
    }
    return allows(target.substring(0, dot), target.substring(dot + 1));
  }

  /** Whether the policy allows the operation; service as in the call log or as the IAM prefix. */
  public boolean allows(String service, String operation) {
    String action = iamAction(service, operation);
    boolean denied = statements.stream().anyMatch(s -> s.isDeny() && s.grants(action));
    return !denied && statements.stream().anyMatch(s -> s.isAllow() && s.grants(action));
  }

  /**
   * {@code ("CodeDeploy_20141006", "CreateDeployment")} → {@code "codedeploy:CreateDeployment"}.
   */
  public static String iamAction(String service, String operation) {
    String prefix = SERVICE_PREFIXES.get(service.toLowerCase(Locale.ROOT));
    if (prefix == null) {
      throw new IllegalArgumentException(
          "unknown AWS service " + service + "; add it to IamPolicy.SERVICE_PREFIXES");
    }
    String action = prefix + ":" + operation;
    return BATCH_ACTIONS.getOrDefault(action, action);
  }

  /** Every action an Allow statement grants, as written in the policy. */
  public Set<String> actions() {
    var actions = new TreeSet<String>();
    statements.stream().filter(Statement::isAllow).forEach(s -> actions.addAll(s.actions()));
    return actions;
  }

  /** Actions granted only because AWS checks them inside another call (see the class comment). */
  public Set<String> impliedActions() {
    var actions = new TreeSet<String>();
    statements.stream()
        .filter(s -> s.isAllow() && s.sid() != null && s.sid().startsWith(IMPLIED_SID_PREFIX))
        .forEach(s -> actions.addAll(s.actions()));
    return actions;
  }

  private static List<String> strings(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    var values = new ArrayList<String>();
    node.forEach(value -> values.add(value.asText()));
    return values;
  }

  /** One policy statement; condition kept as JSON because only tests look into it. */
  public record Statement(
      String sid, String effect, List<String> actions, List<String> resources, JsonNode condition) {

    boolean isAllow() {
      return "Allow".equals(effect);
    }

    boolean isDeny() {
      return "Deny".equals(effect);
    }

    /** IAM action names are case-insensitive; the policy uses none of IAM's wildcards. */
    boolean grants(String action) {
      return actions.stream().anyMatch(a -> a.equalsIgnoreCase(action));
    }
  }
}
