package dev.ecsbluegreen.simulator.http;

import static dev.ecsbluegreen.simulator.http.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.simulator.world.AwsException;
import dev.ecsbluegreen.simulator.world.EcsService;
import dev.ecsbluegreen.simulator.world.EcsState;
import dev.ecsbluegreen.simulator.world.NativeServices;
import dev.ecsbluegreen.simulator.world.SimulatedAws;
import dev.ecsbluegreen.simulator.world.TaskDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Amazon ECS (API 2014-11-13) operations over the simulated world. */
final class EcsApi extends JsonApi {

  private static final Set<String> ECHOED_FIELDS =
      Set.of(
          "family",
          "taskRoleArn",
          "executionRoleArn",
          "networkMode",
          "containerDefinitions",
          "volumes",
          "placementConstraints",
          "requiresCompatibilities",
          "cpu",
          "memory",
          "pidMode",
          "ipcMode",
          "proxyConfiguration",
          "inferenceAccelerators",
          "ephemeralStorage",
          "runtimePlatform",
          "enableFaultInjection");

  EcsApi(SimulatedAws aws) {
    super(aws, "ecs", "AmazonEC2ContainerServiceV20141113");
    operation("RegisterTaskDefinition", this::registerTaskDefinition);
    operation("DescribeTaskDefinition", this::describeTaskDefinition);
    operation("ListTaskDefinitions", this::listTaskDefinitions);
    operation("DeregisterTaskDefinition", this::deregisterTaskDefinition);
    operation("CreateService", this::createService);
    operation("DescribeServices", this::describeServices);
    operation("UpdateService", this::updateService);
    operation("ListServices", this::listServices);
    var deployments = new EcsServiceDeployments(aws);
    operation("DescribeServiceDeployments", deployments::describeServiceDeployments);
    operation("ListServiceDeployments", deployments::listServiceDeployments);
    operation("DescribeServiceRevisions", deployments::describeServiceRevisions);
    operation("StopServiceDeployment", deployments::stopServiceDeployment);
    operation("ContinueServiceDeployment", deployments::continueServiceDeployment);
    operation("ListTagsForResource", this::listTagsForResource);
    operation("TagResource", this::tagResource);
    operation("UntagResource", this::untagResource);
  }

  private EcsState ecs() {
    return aws.ecs();
  }

  private JsonNode registerTaskDefinition(JsonNode in, Instant now) {
    String family = text(in, "family");
    if (!in.path("containerDefinitions").isArray() || in.path("containerDefinitions").isEmpty()) {
      throw AwsException.client("ClientException", "Container list cannot be empty.");
    }
    ObjectNode definition = Json.object();
    in.fields()
        .forEachRemaining(
            e -> {
              if (ECHOED_FIELDS.contains(e.getKey())) {
                definition.set(e.getKey(), e.getValue().deepCopy());
              }
            });
    ArrayNode tags = Json.arrayOrEmpty(in, "tags").deepCopy();
    if (tags.size() > 50) {
      throw AwsException.client("InvalidParameterException", "A resource can have at most 50 tags");
    }
    TaskDefinition td = ecs().taskDefinitions().register(family, definition, tags, now);
    ObjectNode out = Json.object();
    out.set("taskDefinition", EcsViews.taskDefinition(td));
    out.set("tags", td.tags().deepCopy());
    return out;
  }

  private JsonNode describeTaskDefinition(JsonNode in, Instant now) {
    TaskDefinition td = ecs().taskDefinitions().resolve(text(in, "taskDefinition"));
    ObjectNode out = Json.object();
    out.set("taskDefinition", EcsViews.taskDefinition(td));
    if (Json.strings(in, "include").contains("TAGS")) {
      out.set("tags", td.tags().deepCopy());
    }
    return out;
  }

  private JsonNode listTaskDefinitions(JsonNode in, Instant now) {
    String status = in.path("status").asText("ACTIVE");
    boolean descending = "DESC".equals(in.path("sort").asText("ASC"));
    int maxResults = in.path("maxResults").asInt(100);
    if (maxResults < 1 || maxResults > 100) {
      throw AwsException.client(
          "InvalidParameterException", "maxResults must be between 1 and 100");
    }
    List<String> arns =
        ecs().taskDefinitions().list(text(in, "familyPrefix"), status, descending).stream()
            .map(TaskDefinition::arn)
            .toList();
    var page = Pages.page(arns, text(in, "nextToken"), maxResults, "InvalidParameterException");
    ObjectNode out = Json.object();
    out.set("taskDefinitionArns", Json.stringArray(page.items()));
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }

  private JsonNode deregisterTaskDefinition(JsonNode in, Instant now) {
    String ref = text(in, "taskDefinition");
    if (ref == null || !ref.contains(":")) {
      throw AwsException.client(
          "ClientException", "The specified task definition must include a revision.");
    }
    TaskDefinition td = ecs().taskDefinitions().resolve(ref);
    ecs().taskDefinitions().deregister(td, now);
    ObjectNode out = Json.object();
    out.set("taskDefinition", EcsViews.taskDefinition(td));
    return out;
  }

  private JsonNode createService(JsonNode in, Instant now) {
    String cluster = ecs().requireCluster(text(in, "cluster"));
    String name = Json.requireText(in, "serviceName", "InvalidParameterException");
    String controller = in.path("deploymentController").path("type").asText("ECS");
    if ("ECS".equals(controller)) {
      return createEcsControlledService(cluster, name, in, now);
    }
    if (!"CODE_DEPLOY".equals(controller)) {
      throw AwsException.client(
          "UnsupportedFeatureException",
          "The simulator models services with the ECS or CODE_DEPLOY deployment controller, not "
              + controller);
    }
    JsonNode lb = in.path("loadBalancers").path(0);
    if (lb.isMissingNode() || !lb.has("targetGroupArn")) {
      throw AwsException.client(
          "InvalidParameterException",
          "A service with the CODE_DEPLOY deployment controller needs a load balancer");
    }
    TaskDefinition td = ecs().taskDefinitions().resolve(text(in, "taskDefinition"));
    EcsService service =
        ecs()
            .createService(
                cluster,
                name,
                td,
                lb.path("targetGroupArn").asText(),
                lb.path("containerName").asText("app"),
                lb.path("containerPort").asInt(80),
                in.path("desiredCount").asInt(1),
                now,
                now.plus(aws.taskStartup()));
    ObjectNode out = Json.object();
    out.set("service", EcsViews.service(service, now, aws.arns()));
    return out;
  }

  private JsonNode createEcsControlledService(
      String cluster, String name, JsonNode in, Instant now) {
    var request =
        new NativeServices.ServiceRequest(
            cluster,
            name,
            ecs().taskDefinitions().resolve(text(in, "taskDefinition")),
            in.get("loadBalancers"),
            in.get("deploymentConfiguration"),
            in.path("desiredCount").asInt(1));
    EcsService service =
        aws.nativeServices().createService(request, now, now.plus(aws.taskStartup()));
    ObjectNode out = Json.object();
    out.set("service", EcsViews.service(service, now, aws.arns()));
    return out;
  }

  private JsonNode describeServices(JsonNode in, Instant now) {
    String cluster = ecs().requireCluster(text(in, "cluster"));
    List<String> names = Json.strings(in, "services");
    if (names.isEmpty() || names.size() > 10) {
      throw AwsException.client(
          "InvalidParameterException", "services must name between 1 and 10 services");
    }
    ObjectNode out = Json.object();
    ArrayNode services = out.putArray("services");
    ArrayNode failures = out.putArray("failures");
    for (String name : names) {
      ecs()
          .service(cluster, name)
          .ifPresentOrElse(
              s -> services.add(EcsViews.service(s, now, aws.arns())),
              () ->
                  failures
                      .addObject()
                      .put(
                          "arn", name.startsWith("arn:") ? name : aws.arns().service(cluster, name))
                      .put("reason", "MISSING"));
    }
    return out;
  }

  private JsonNode updateService(JsonNode in, Instant now) {
    String cluster = ecs().requireCluster(text(in, "cluster"));
    String name = Json.requireText(in, "service", "InvalidParameterException");
    EcsService service =
        ecs()
            .service(cluster, name)
            .orElseThrow(
                () -> AwsException.client("ServiceNotFoundException", "Service not found."));
    if (service.isEcsControlled()) {
      return updateEcsControlledService(service, in, now);
    }
    for (String forbidden :
        List.of("taskDefinition", "networkConfiguration", "platformVersion", "loadBalancers")) {
      if (in.hasNonNull(forbidden)) {
        throw AwsException.client(
            "InvalidParameterException",
            "Unable to update task definition on services with a CODE_DEPLOY deployment"
                + " controller. Use AWS CodeDeploy to trigger a new deployment.");
      }
    }
    if (in.hasNonNull("desiredCount")) {
      ecs().setDesiredCount(service, in.get("desiredCount").asInt());
    }
    ObjectNode out = Json.object();
    out.set("service", EcsViews.service(service, now, aws.arns()));
    return out;
  }

  private JsonNode updateEcsControlledService(EcsService service, JsonNode in, Instant now) {
    TaskDefinition td =
        in.hasNonNull("taskDefinition")
            ? ecs().taskDefinitions().resolve(text(in, "taskDefinition"))
            : null;
    aws.nativeServices()
        .updateService(
            service,
            td,
            in.get("deploymentConfiguration"),
            in.get("loadBalancers"),
            in.hasNonNull("desiredCount") ? in.get("desiredCount").asInt() : null,
            in.path("forceNewDeployment").asBoolean(false),
            now);
    ObjectNode out = Json.object();
    out.set("service", EcsViews.service(service, now, aws.arns()));
    return out;
  }

  /** Tags live on task definitions only; other ECS resources are not taggable here. */
  private TaskDefinition taggable(JsonNode in) {
    String arn = Json.requireText(in, "resourceArn", "InvalidParameterException");
    if (!arn.contains(":task-definition/")) {
      throw AwsException.client(
          "InvalidParameterException",
          "The simulator keeps tags on task definitions only, not on " + arn);
    }
    return ecs().taskDefinitions().resolve(arn);
  }

  private JsonNode listTagsForResource(JsonNode in, Instant now) {
    ObjectNode out = Json.object();
    out.set("tags", taggable(in).tags().deepCopy());
    return out;
  }

  private JsonNode tagResource(JsonNode in, Instant now) {
    ArrayNode tags = taggable(in).tags();
    for (JsonNode tag : Json.arrayOrEmpty(in, "tags")) {
      String key = tag.path("key").asText();
      for (int i = tags.size() - 1; i >= 0; i--) {
        if (tags.get(i).path("key").asText().equals(key)) {
          tags.remove(i);
        }
      }
      tags.add(tag.deepCopy());
    }
    if (tags.size() > 50) {
      throw AwsException.client("InvalidParameterException", "A resource can have at most 50 tags");
    }
    return Json.object();
  }

  private JsonNode untagResource(JsonNode in, Instant now) {
    ArrayNode tags = taggable(in).tags();
    List<String> keys = Json.strings(in, "tagKeys");
    for (int i = tags.size() - 1; i >= 0; i--) {
      if (keys.contains(tags.get(i).path("key").asText())) {
        tags.remove(i);
      }
    }
    return Json.object();
  }

  private JsonNode listServices(JsonNode in, Instant now) {
    String cluster = ecs().requireCluster(text(in, "cluster"));
    List<String> arns =
        ecs().services().stream()
            .filter(s -> s.cluster().equals(cluster))
            .map(EcsService::arn)
            .toList();
    int maxResults = in.path("maxResults").asInt(10);
    var page = Pages.page(arns, text(in, "nextToken"), maxResults, "InvalidParameterException");
    ObjectNode out = Json.object();
    out.set("serviceArns", Json.stringArray(page.items()));
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }
}
