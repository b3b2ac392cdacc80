package dev.ecsbluegreen.simulator.http;

import static dev.ecsbluegreen.simulator.http.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.simulator.world.Application;
import dev.ecsbluegreen.simulator.world.AwsException;
import dev.ecsbluegreen.simulator.world.CodeDeployState;
import dev.ecsbluegreen.simulator.world.DeploymentConfig;
import dev.ecsbluegreen.simulator.world.DeploymentGroup;
import dev.ecsbluegreen.simulator.world.SimulatedAws;
import dev.ecsbluegreen.simulator.world.TrafficRouting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The CodeDeploy operations on applications, deployment groups and deployment configs: the
 * resources a deployment is made from. {@link CodeDeployApi} holds the dispatch table.
 */
final class CodeDeployResources {

  private static final int PAGE_SIZE = CodeDeployApi.PAGE_SIZE;

  private final SimulatedAws aws;
  private final CodeDeployViews views;

  CodeDeployResources(SimulatedAws aws, CodeDeployViews views) {
    this.aws = aws;
    this.views = views;
  }

  private CodeDeployState cd() {
    return aws.codeDeploy();
  }

  // ---- applications ----

  JsonNode createApplication(JsonNode in, Instant now) {
    Application a =
        cd().createApplication(
                text(in, "applicationName"),
                text(in, "computePlatform"),
                Json.arrayOrEmpty(in, "tags"),
                now);
    return Json.object().put("applicationId", a.id());
  }

  JsonNode getApplication(JsonNode in, Instant now) {
    ObjectNode out = Json.object();
    out.set("application", views.application(cd().application(text(in, "applicationName"))));
    return out;
  }

  JsonNode batchGetApplications(JsonNode in, Instant now) {
    List<String> names = Json.strings(in, "applicationNames");
    if (names.size() > 100) {
      throw AwsException.client("BatchLimitExceededException", "The maximum number is 100");
    }
    ObjectNode out = Json.object();
    var list = out.putArray("applicationsInfo");
    names.forEach(n -> list.add(views.application(cd().application(n))));
    return out;
  }

  JsonNode listApplications(JsonNode in, Instant now) {
    List<String> names = cd().applications().stream().map(Application::name).sorted().toList();
    var page = Pages.page(names, text(in, "nextToken"), PAGE_SIZE, "InvalidNextTokenException");
    ObjectNode out = Json.object();
    out.set("applications", Json.stringArray(page.items()));
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }

  JsonNode deleteApplication(JsonNode in, Instant now) {
    cd().deleteApplication(text(in, "applicationName"));
    return null;
  }

  // ---- deployment groups ----

  private static ObjectNode groupSettings(JsonNode in) {
    ObjectNode settings = Json.object();
    for (String field : CodeDeployViews.GROUP_SETTINGS) {
      JsonNode value = in.get(field);
      if (value != null && !value.isNull()) {
        settings.set(field, value.deepCopy());
      }
    }
    return settings;
  }

  JsonNode createDeploymentGroup(JsonNode in, Instant now) {
    DeploymentGroup g =
        cd().createDeploymentGroup(
                text(in, "applicationName"),
                text(in, "deploymentGroupName"),
                groupSettings(in),
                Json.arrayOrEmpty(in, "tags"));
    return Json.object().put("deploymentGroupId", g.id());
  }

  JsonNode getDeploymentGroup(JsonNode in, Instant now) {
    DeploymentGroup g = cd().group(text(in, "applicationName"), text(in, "deploymentGroupName"));
    ObjectNode out = Json.object();
    out.set("deploymentGroupInfo", views.deploymentGroup(g));
    return out;
  }

  JsonNode updateDeploymentGroup(JsonNode in, Instant now) {
    cd().updateDeploymentGroup(
            text(in, "applicationName"),
            text(in, "currentDeploymentGroupName"),
            text(in, "newDeploymentGroupName"),
            groupSettings(in));
    ObjectNode out = Json.object();
    out.putArray("hooksNotCleanedUp");
    return out;
  }

  JsonNode deleteDeploymentGroup(JsonNode in, Instant now) {
    cd().deleteDeploymentGroup(text(in, "applicationName"), text(in, "deploymentGroupName"));
    ObjectNode out = Json.object();
    out.putArray("hooksNotCleanedUp");
    return out;
  }

  JsonNode listDeploymentGroups(JsonNode in, Instant now) {
    Application a = cd().application(text(in, "applicationName"));
    List<String> names = a.groups().keySet().stream().sorted().toList();
    var page = Pages.page(names, text(in, "nextToken"), PAGE_SIZE, "InvalidNextTokenException");
    ObjectNode out = Json.object();
    out.put("applicationName", a.name());
    out.set("deploymentGroups", Json.stringArray(page.items()));
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }

  JsonNode batchGetDeploymentGroups(JsonNode in, Instant now) {
    Application a = cd().application(text(in, "applicationName"));
    List<String> names = Json.strings(in, "deploymentGroupNames");
    if (names.isEmpty()) {
      throw AwsException.client(
          "DeploymentGroupNameRequiredException", "deploymentGroupNames is required");
    }
    if (names.size() > 100) {
      throw AwsException.client("BatchLimitExceededException", "The maximum number is 100");
    }
    ObjectNode out = Json.object();
    var list = out.putArray("deploymentGroupsInfo");
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      DeploymentGroup g = a.groups().get(name);
      if (g == null) {
        missing.add(name);
      } else {
        list.add(views.deploymentGroup(g));
      }
    }
    if (!missing.isEmpty()) {
      out.put("errorMessage", "Deployment groups not found: " + String.join(", ", missing));
    }
    return out;
  }

  // ---- deployment configs ----

  JsonNode deleteDeploymentConfig(JsonNode in, Instant now) {
    cd().deleteDeploymentConfig(text(in, "deploymentConfigName"));
    return null;
  }

  JsonNode createDeploymentConfig(JsonNode in, Instant now) {
    String platform = text(in, "computePlatform");
    if (platform != null && !"ECS".equals(platform)) {
      throw AwsException.client(
          "InvalidComputePlatformException", "The simulator models only the ECS compute platform");
    }
    DeploymentConfig c =
        cd().createDeploymentConfig(
                text(in, "deploymentConfigName"),
                trafficRouting(in.path("trafficRoutingConfig")),
                now);
    return Json.object().put("deploymentConfigId", c.id());
  }

  private static TrafficRouting trafficRouting(JsonNode config) {
    String type = config.path("type").asText("AllAtOnce");
    return switch (type) {
      case "AllAtOnce" -> TrafficRouting.ALL_AT_ONCE;
      case "TimeBasedCanary" -> {
        JsonNode c = config.path("timeBasedCanary");
        yield TrafficRouting.canary(
            percentage(c.path("canaryPercentage")), interval(c.path("canaryInterval")));
      }
      case "TimeBasedLinear" -> {
        JsonNode l = config.path("timeBasedLinear");
        yield TrafficRouting.linear(
            percentage(l.path("linearPercentage")), interval(l.path("linearInterval")));
      }
      default ->
          throw AwsException.client(
              "InvalidTrafficRoutingConfigurationException",
              "Unknown traffic routing type " + type);
    };
  }

  private static int percentage(JsonNode value) {
    if (!value.canConvertToInt() || value.asInt() < 1 || value.asInt() > 99) {
      throw AwsException.client(
          "InvalidTrafficRoutingConfigurationException", "The percentage must be from 1 to 99");
    }
    return value.asInt();
  }

  private static int interval(JsonNode value) {
    if (!value.canConvertToInt() || value.asInt() < 1) {
      throw AwsException.client(
          "InvalidTrafficRoutingConfigurationException", "The interval must be at least 1 minute");
    }
    return value.asInt();
  }

  JsonNode getDeploymentConfig(JsonNode in, Instant now) {
    ObjectNode out = Json.object();
    out.set(
        "deploymentConfigInfo",
        views.deploymentConfig(cd().config(text(in, "deploymentConfigName"))));
    return out;
  }

  JsonNode listDeploymentConfigs(JsonNode in, Instant now) {
    List<String> names = cd().configs().stream().map(DeploymentConfig::name).sorted().toList();
    var page = Pages.page(names, text(in, "nextToken"), PAGE_SIZE, "InvalidNextTokenException");
    ObjectNode out = Json.object();
    out.set("deploymentConfigsList", Json.stringArray(page.items()));
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }
}
