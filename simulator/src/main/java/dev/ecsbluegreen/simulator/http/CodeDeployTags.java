package dev.ecsbluegreen.simulator.http;

import static dev.ecsbluegreen.simulator.http.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.simulator.world.AwsException;
import dev.ecsbluegreen.simulator.world.CodeDeployState;
import dev.ecsbluegreen.simulator.world.SimulatedAws;
import dev.ecsbluegreen.simulator.world.Tags;
import java.time.Instant;

/**
 * The CodeDeploy tagging operations, on applications and deployment groups addressed by ARN. {@link
 * CodeDeployApi} holds the dispatch table.
 */
final class CodeDeployTags {

  private final SimulatedAws aws;

  CodeDeployTags(SimulatedAws aws) {
    this.aws = aws;
  }

  private CodeDeployState cd() {
    return aws.codeDeploy();
  }

  private Tags tagsOf(String arn) {
    if (arn == null || arn.isEmpty()) {
      throw AwsException.client("ResourceArnRequiredException", "ResourceArn is required");
    }
    String[] parts = arn.split(":", 7);
    if (parts.length < 7 || !"codedeploy".equals(parts[2])) {
      throw AwsException.client("InvalidArnException", "The ARN " + arn + " is not valid");
    }
    String kind = parts[5];
    String name = parts[6];
    return switch (kind) {
      case "application" -> cd().application(name).tags();
      case "deploymentgroup" -> {
        int slash = name.indexOf('/');
        if (slash < 0) {
          throw AwsException.client("InvalidArnException", "The ARN " + arn + " is not valid");
        }
        yield cd().group(name.substring(0, slash), name.substring(slash + 1)).tags();
      }
      default ->
          throw AwsException.client("ArnNotSupportedException", "Tags are not supported on " + arn);
    };
  }

  JsonNode listTagsForResource(JsonNode in, Instant now) {
    ObjectNode out = Json.object();
    out.set("Tags", CodeDeployViews.tags(tagsOf(text(in, "ResourceArn")).ordered()));
    return out;
  }

  JsonNode tagResource(JsonNode in, Instant now) {
    tagsOf(text(in, "ResourceArn")).add(in.get("Tags"));
    return Json.object();
  }

  JsonNode untagResource(JsonNode in, Instant now) {
    tagsOf(text(in, "ResourceArn")).remove(in.get("TagKeys"));
    return Json.object();
  }
}
