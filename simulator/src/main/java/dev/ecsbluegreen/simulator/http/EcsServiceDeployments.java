package dev.ecsbluegreen.simulator.http;

import static dev.ecsbluegreen.simulator.http.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.simulator.world.AwsException;
import dev.ecsbluegreen.simulator.world.EcsService;
import dev.ecsbluegreen.simulator.world.NativeServices;
import dev.ecsbluegreen.simulator.world.SimulatedAws;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The ECS operations on service deployments and revisions: reading and listing them, and the calls
 * that move a running one (stop with rollback, continue a PAUSE hook). {@link EcsApi} holds the
 * dispatch table.
 */
final class EcsServiceDeployments {

  static final int DESCRIBE_LIMIT = 20;
  private static final Set<String> STATUSES =
      Set.of(
          "PENDING",
          "SUCCESSFUL",
          "STOPPED",
          "STOP_REQUESTED",
          "IN_PROGRESS",
          "ROLLBACK_REQUESTED",
          "ROLLBACK_IN_PROGRESS",
          "ROLLBACK_SUCCESSFUL",
          "ROLLBACK_FAILED");

  private final SimulatedAws aws;

  EcsServiceDeployments(SimulatedAws aws) {
    this.aws = aws;
  }

  private NativeServices services() {
    return aws.nativeServices();
  }

  private static List<String> arns(JsonNode in, String field) {
    List<String> arns = Json.strings(in, field);
    if (arns.isEmpty() || arns.size() > DESCRIBE_LIMIT) {
      throw AwsException.client(
          "InvalidParameterException",
          field + " must name between 1 and " + DESCRIBE_LIMIT + " ARNs, not " + arns.size());
    }
    return arns;
  }

  JsonNode describeServiceDeployments(JsonNode in, Instant now) {
    ObjectNode out = Json.object();
    ArrayNode found = out.putArray("serviceDeployments");
    ArrayNode failures = out.putArray("failures");
    for (String arn : arns(in, "serviceDeploymentArns")) {
      services()
          .find(arn)
          .ifPresentOrElse(
              d -> found.add(EcsDeploymentViews.serviceDeployment(d, now)),
              () -> failures.addObject().put("arn", arn).put("reason", "MISSING"));
    }
    return out;
  }

  JsonNode describeServiceRevisions(JsonNode in, Instant now) {
    ObjectNode out = Json.object();
    ArrayNode found = out.putArray("serviceRevisions");
    ArrayNode failures = out.putArray("failures");
    for (String arn : arns(in, "serviceRevisionArns")) {
      services()
          .revision(arn)
          .ifPresentOrElse(
              r -> found.add(EcsDeploymentViews.serviceRevision(r)),
              () -> failures.addObject().put("arn", arn).put("reason", "MISSING"));
    }
    return out;
  }

  JsonNode listServiceDeployments(JsonNode in, Instant now) {
    String serviceRef = Json.requireText(in, "service", "InvalidParameterException");
    String cluster = clusterOf(in, serviceRef);
    EcsService service =
        aws.ecs()
            .service(cluster, serviceRef)
            .orElseThrow(
                () -> AwsException.client("ServiceNotFoundException", "Service not found."));
    Set<String> statuses = new LinkedHashSet<>(Json.strings(in, "status"));
    for (String status : statuses) {
      if (!STATUSES.contains(status)) {
        throw AwsException.client(
            "InvalidParameterException",
            "status: " + status + " is not a service deployment status");
      }
    }
    int maxResults = in.path("maxResults").asInt(20);
    if (maxResults < 1 || maxResults > 100) {
      throw AwsException.client(
          "InvalidParameterException", "maxResults must be between 1 and 100, not " + maxResults);
    }
    JsonNode createdAt = in.path("createdAt");
    List<ObjectNode> briefs =
        services()
            .list(
                service,
                statuses,
                Json.readTime(createdAt.get("after")),
                Json.readTime(createdAt.get("before")))
            .stream()
            .map(EcsDeploymentViews::brief)
            .toList();
    var page = Pages.page(briefs, text(in, "nextToken"), maxResults, "InvalidParameterException");
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("serviceDeployments");
    page.items().forEach(list::add);
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }

  /** The cluster named, or the one in the service ARN, or "default". */
  private String clusterOf(JsonNode in, String serviceRef) {
    String cluster = text(in, "cluster");
    if (cluster == null && serviceRef.startsWith("arn:") && serviceRef.contains(":service/")) {
      String path = serviceRef.substring(serviceRef.indexOf(":service/") + ":service/".length());
      if (path.contains("/")) {
        cluster = path.substring(0, path.indexOf('/'));
      }
    }
    return aws.ecs().requireCluster(cluster);
  }

  JsonNode stopServiceDeployment(JsonNode in, Instant now) {
    String arn = Json.requireText(in, "serviceDeploymentArn", "InvalidParameterException");
    services().stop(arn, text(in, "stopType"), now);
    return Json.object().put("serviceDeploymentArn", arn);
  }

  JsonNode continueServiceDeployment(JsonNode in, Instant now) {
    String arn = Json.requireText(in, "serviceDeploymentArn", "InvalidParameterException");
    services().continueDeployment(arn, text(in, "hookId"), text(in, "action"), now);
    return Json.object().put("serviceDeploymentArn", arn);
  }
}
