package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/**
 * A task definition in the shape of ECS RegisterTaskDefinition. The fields users set most are typed
 * and validated; any other ECS field (volumes, ephemeralStorage, ...) is kept and passed through.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@PreserveUnknownFields
@ValidationRule(
    value =
        "self.containerDefinitions.all(c, self.containerDefinitions.exists_one(d, d.name == c.name))",
    message = "each container name may appear only once")
@ValidationRule(
    value =
        "!has(self.requiresCompatibilities) || !('FARGATE' in self.requiresCompatibilities)"
            + " || (has(self.networkMode) && self.networkMode == 'awsvpc')",
    message = "FARGATE tasks need networkMode awsvpc")
@ValidationRule(
    value =
        "!has(self.requiresCompatibilities) || !('FARGATE' in self.requiresCompatibilities)"
            + " || (has(self.cpu) && has(self.memory))",
    message = "FARGATE tasks need task-level cpu and memory")
public record InlineTaskDefinition(
    @Required
        @JsonPropertyDescription("Task definition family; each change registers a new revision.")
        @Pattern(Patterns.ECS_NAME)
        String family,
    @Required
        @JsonPropertyDescription("The task's containers (1 to 10).")
        @Size(min = 1, max = Limits.CONTAINERS_PER_TASK_DEFINITION)
        List<ContainerDefinition> containerDefinitions,
    @JsonPropertyDescription("Task CPU units or vCPU, e.g. \"256\" or \"1 vCPU\".") String cpu,
    @JsonPropertyDescription("Task memory in MiB or GB, e.g. \"512\" or \"1 GB\".") String memory,
    @JsonPropertyDescription("awsvpc, bridge, host or none.") NetworkMode networkMode,
    @JsonPropertyDescription("EC2, FARGATE and/or EXTERNAL.") @Size(max = Limits.COMPATIBILITIES)
        List<Compatibility> requiresCompatibilities,
    @JsonPropertyDescription("Role ECS uses to pull images and write logs.")
        @Pattern(Patterns.IAM_ROLE_ARN)
        String executionRoleArn,
    @JsonPropertyDescription("Role the task's containers run with.") @Pattern(Patterns.IAM_ROLE_ARN)
        String taskRoleArn,
    @JsonPropertyDescription("CPU architecture and operating system.")
        RuntimePlatform runtimePlatform,
    @JsonPropertyDescription("Tags on the registered revision (the operator adds its own).")
        @Size(max = 40)
        List<Tag> tags,
    @JsonIgnore OtherFields otherFields) {

  public InlineTaskDefinition {
    otherFields = otherFields == null ? new OtherFields() : otherFields;
  }

  @JsonAnySetter
  void putOtherField(String name, Object value) {
    otherFields.put(name, value);
  }

  // @JsonIgnore keeps the CRD generator from listing a "getOtherFields" property in the schema;
  // Jackson still writes the entries through the any-getter (ExamplesTest checks the round trip).
  @JsonAnyGetter
  @JsonIgnore
  public Map<String, Object> getOtherFields() {
    return otherFields.asMap();
  }

  /** A container in ECS ContainerDefinition form; unknown ECS fields pass through. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @PreserveUnknownFields
  public record ContainerDefinition(
      @Required
          @JsonPropertyDescription("Container name: up to 255 letters, digits, _ or -.")
          @Pattern(Patterns.ECS_NAME)
          @Size(max = Limits.CONTAINER_NAME_LENGTH)
          String name,
      @Required
          @JsonPropertyDescription(
              "Image reference: up to 255 characters, then optionally @sha256:<64 hex digits>.")
          @Pattern(Patterns.IMAGE)
          @Size(max = Limits.IMAGE_WITH_DIGEST_LENGTH)
          String image,
      @JsonPropertyDescription("CPU units reserved for the container.") Integer cpu,
      @JsonPropertyDescription("Hard memory limit in MiB.") Integer memory,
      @JsonPropertyDescription("Soft memory limit in MiB.") Integer memoryReservation,
      @JsonPropertyDescription("Whether the task stops when this container stops (default true).")
          Boolean essential,
      @JsonPropertyDescription("Ports the container listens on.") List<PortMapping> portMappings,
      @JsonPropertyDescription("Environment variables.") List<KeyValuePair> environment,
      @JsonPropertyDescription("Secrets from Secrets Manager or SSM Parameter Store.")
          List<Secret> secrets,
      @JsonPropertyDescription("Log driver and its options.") LogConfiguration logConfiguration,
      @JsonPropertyDescription("Container health check.") HealthCheck healthCheck,
      @JsonIgnore OtherFields otherFields) {

    public ContainerDefinition {
      otherFields = otherFields == null ? new OtherFields() : otherFields;
    }

    @JsonAnySetter
    void putOtherField(String name, Object value) {
      otherFields.put(name, value);
    }

    @JsonAnyGetter
    @JsonIgnore
    public Map<String, Object> getOtherFields() {
      return otherFields.asMap();
    }
  }

  /** A port the container listens on. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PortMapping(
      @Required
          @JsonPropertyDescription("Container port, 1 to 65535.")
          @io.fabric8.generator.annotation.Min(1)
          @io.fabric8.generator.annotation.Max(65535)
          Integer containerPort,
      @JsonPropertyDescription("Host port (awsvpc: equal to containerPort).") Integer hostPort,
      @JsonPropertyDescription("tcp (default) or udp.") Protocol protocol,
      @JsonPropertyDescription("Port name, for Service Connect.") String name,
      @JsonPropertyDescription("http, http2 or grpc, for Service Connect.") String appProtocol) {}

  /** A name and value, the form ECS uses for environment variables and tags' siblings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record KeyValuePair(
      @Required @JsonPropertyDescription("Variable name.") String name,
      @JsonPropertyDescription("Variable value.") String value) {}

  /** A secret injected as an environment variable. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Secret(
      @Required @JsonPropertyDescription("Environment variable name.") String name,
      @Required @JsonPropertyDescription("Secrets Manager or SSM parameter ARN.")
          String valueFrom) {}

  /** The container's log driver. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LogConfiguration(
      @Required @JsonPropertyDescription("awslogs, awsfirelens, splunk, ...") String logDriver,
      @JsonPropertyDescription("Driver options.") Map<String, String> options,
      @JsonPropertyDescription("Driver options read from secrets.") List<Secret> secretOptions) {}

  /** A container health check. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HealthCheck(
      @Required
          @JsonPropertyDescription(
              "Command, e.g. [CMD-SHELL, curl -f http://localhost/ || exit 1].")
          @Size(min = 1)
          List<String> command,
      @JsonPropertyDescription("Seconds between checks (5 to 300).") Integer interval,
      @JsonPropertyDescription("Seconds before a check fails (2 to 60).") Integer timeout,
      @JsonPropertyDescription("Failures before unhealthy (1 to 10).") Integer retries,
      @JsonPropertyDescription("Grace period in seconds (0 to 300).") Integer startPeriod) {}

  /** CPU architecture and OS family of the task. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RuntimePlatform(
      @JsonPropertyDescription("X86_64 or ARM64.") String cpuArchitecture,
      @JsonPropertyDescription("LINUX, WINDOWS_SERVER_2022_CORE, ...")
          String operatingSystemFamily) {}

  /** A tag in ECS form. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Tag(
      @Required @JsonPropertyDescription("Tag key.") @Size(min = 1, max = 128) String key,
      @JsonPropertyDescription("Tag value.") @Size(max = 256) String value) {}

  /** ECS network modes. */
  public enum NetworkMode {
    awsvpc,
    bridge,
    host,
    none
  }

  /** ECS launch types a task definition can require. */
  public enum Compatibility {
    EC2,
    FARGATE,
    EXTERNAL
  }

  /** Port protocols. */
  public enum Protocol {
    tcp,
    udp
  }
}
