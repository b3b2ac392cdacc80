package dev.ecsbluegreen.simulator.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CodeDeploy's resources (applications, deployment groups, configs, deployments) and the rules AWS
 * applies when they are created or changed. The deployment state machine itself lives in {@link
 * DeploymentEngine}.
 */
public final class CodeDeployState {

  /** AWS's documented limit of concurrent deployments per account. */
  public static final int MAX_ACTIVE_DEPLOYMENTS = 1000;

  private static final Pattern CONFIG_NAME = Pattern.compile("[A-Za-z0-9.\\_+=,@-]{1,100}");

  private final Map<String, Application> applications = new LinkedHashMap<>();
  private final Map<String, DeploymentConfig> configs = new LinkedHashMap<>();
  private final Map<String, Deployment> deployments = new LinkedHashMap<>();
  private final Set<Deployment> active = new LinkedHashSet<>();
  private final Arns arns;
  private final Ids ids;
  private final EcsState ecs;
  private final LoadBalancers loadBalancers;
  private final DeploymentEngine engine;
  private final DeploymentGroupRules groupRules;

  CodeDeployState(
      Arns arns,
      Ids ids,
      EcsState ecs,
      LoadBalancers loadBalancers,
      TrafficRouter router,
      HookInvoker hooks,
      Alarms alarms,
      Scheduler scheduler,
      Timings timings,
      Instant start) {
    this.arns = arns;
    this.ids = ids;
    this.ecs = ecs;
    this.loadBalancers = loadBalancers;
    this.engine = new DeploymentEngine(this, ecs, router, hooks, alarms, scheduler, timings, ids);
    this.groupRules = new DeploymentGroupRules(ecs, loadBalancers, this::config);
    predefine("CodeDeployDefault.ECSAllAtOnce", TrafficRouting.ALL_AT_ONCE, start);
    predefine(
        "CodeDeployDefault.ECSLinear10PercentEvery1Minutes", TrafficRouting.linear(10, 1), start);
    predefine(
        "CodeDeployDefault.ECSLinear10PercentEvery3Minutes", TrafficRouting.linear(10, 3), start);
    predefine("CodeDeployDefault.ECSCanary10Percent5Minutes", TrafficRouting.canary(10, 5), start);
    predefine(
        "CodeDeployDefault.ECSCanary10Percent15Minutes", TrafficRouting.canary(10, 15), start);
  }

  private void predefine(String name, TrafficRouting routing, Instant at) {
    configs.put(name, new DeploymentConfig(name, ids.uuid(), at, routing, true));
  }

  DeploymentEngine engine() {
    return engine;
  }

  // ---- applications ----

  public Application createApplication(
      String name, String computePlatform, ArrayNode tags, Instant at) {
    requireName(name, "ApplicationNameRequiredException", "InvalidApplicationNameException");
    String platform = computePlatform == null ? "Server" : computePlatform;
    if (!Set.of("Server", "Lambda", "ECS").contains(platform)) {
      throw AwsException.client(
          "InvalidComputePlatformException", "The computePlatform is invalid: " + platform);
    }
    if (applications.containsKey(name)) {
      throw AwsException.client(
          "ApplicationAlreadyExistsException",
          "The application " + name + " already exists with the IAM user or AWS account.");
    }
    var application = new Application(name, ids.uuid(), platform, at, tags);
    applications.put(name, application);
    return application;
  }

  public Application application(String name) {
    if (name == null || name.isEmpty()) {
      throw AwsException.client(
          "ApplicationNameRequiredException", "Application name must be specified");
    }
    Application application = applications.get(name);
    if (application == null) {
      throw AwsException.client(
          "ApplicationDoesNotExistException", "No application found for name: " + name);
    }
    return application;
  }

  public Collection<Application> applications() {
    return applications.values();
  }

  public void deleteApplication(String name) {
    Application application = applications.remove(name);
    if (application != null) {
      application.groups().values().forEach(this::unbindService);
    }
  }

  // ---- deployment groups ----

  public DeploymentGroup createDeploymentGroup(
      String applicationName, String name, ObjectNode settings, ArrayNode tags) {
    Application application = application(applicationName);
    requireName(
        name, "DeploymentGroupNameRequiredException", "InvalidDeploymentGroupNameException");
    if (application.groups().containsKey(name)) {
      throw AwsException.client(
          "DeploymentGroupAlreadyExistsException",
          "The deployment group " + name + " already exists for the application.");
    }
    if (!"ECS".equals(application.computePlatform())) {
      throw AwsException.client(
          "InvalidComputePlatformException",
          "The simulator models only the ECS compute platform; application "
              + applicationName
              + " is "
              + application.computePlatform());
    }
    ObjectNode validated = groupRules.validate(settings);
    var group = new DeploymentGroup(application, name, ids.uuid(), validated, tags);
    application.groups().put(name, group);
    bindService(group);
    return group;
  }

  public DeploymentGroup group(String applicationName, String name) {
    Application application = application(applicationName);
    if (name == null || name.isEmpty()) {
      throw AwsException.client(
          "DeploymentGroupNameRequiredException", "Deployment group name must be specified");
    }
    DeploymentGroup group = application.groups().get(name);
    if (group == null) {
      throw AwsException.client(
          "DeploymentGroupDoesNotExistException", "No Deployment Group found for name: " + name);
    }
    return group;
  }

  /** Applies the members given (each replaces the old value wholesale), then renames. */
  public DeploymentGroup updateDeploymentGroup(
      String applicationName, String currentName, String newName, ObjectNode changes) {
    DeploymentGroup group = group(applicationName, currentName);
    ObjectNode merged = group.settings().deepCopy();
    changes.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
    unbindService(group);
    try {
      group.replaceSettings(groupRules.validate(merged));
    } finally {
      bindService(group);
    }
    if (newName != null && !newName.equals(currentName)) {
      if (group.application().groups().containsKey(newName)) {
        throw AwsException.client(
            "DeploymentGroupAlreadyExistsException",
            "The deployment group " + newName + " already exists for the application.");
      }
      group.application().groups().remove(currentName);
      group.rename(newName);
      group.application().groups().put(newName, group);
      bindService(group);
    }
    return group;
  }

  public void deleteDeploymentGroup(String applicationName, String name) {
    DeploymentGroup group = group(applicationName, name);
    group.application().groups().remove(name);
    unbindService(group);
  }

  private void bindService(DeploymentGroup group) {
    ecs.service(group.clusterName(), group.serviceName())
        .ifPresent(
            s ->
                s.bindDeploymentGroup(
                    arns.deploymentGroup(group.application().name(), group.name())));
  }

  private void unbindService(DeploymentGroup group) {
    ecs.service(group.clusterName(), group.serviceName())
        .ifPresent(s -> s.bindDeploymentGroup(null));
  }

  // ---- deployment configs ----

  public DeploymentConfig createDeploymentConfig(String name, TrafficRouting routing, Instant at) {
    if (name == null || name.isEmpty()) {
      throw AwsException.client(
          "DeploymentConfigNameRequiredException", "Deployment config name must be specified");
    }
    if (!CONFIG_NAME.matcher(name).matches() || name.startsWith("CodeDeployDefault.")) {
      throw AwsException.client(
          "InvalidDeploymentConfigNameException", "The deployment config name is invalid: " + name);
    }
    if (configs.containsKey(name)) {
      throw AwsException.client(
          "DeploymentConfigAlreadyExistsException",
          "A deployment configuration with the name " + name + " already exists");
    }
    var config = new DeploymentConfig(name, ids.uuid(), at, routing, false);
    configs.put(name, config);
    return config;
  }

  public DeploymentConfig config(String name) {
    if (name == null || name.isEmpty()) {
      throw AwsException.client(
          "DeploymentConfigNameRequiredException", "Deployment config name must be specified");
    }
    DeploymentConfig config = configs.get(name);
    if (config == null) {
      throw AwsException.client(
          "DeploymentConfigDoesNotExistException",
          "No deployment configuration found for name: " + name);
    }
    return config;
  }

  /** Deletes a custom config that no deployment group uses. */
  public void deleteDeploymentConfig(String name) {
    DeploymentConfig config = config(name);
    if (config.predefined()) {
      throw AwsException.client(
          "InvalidOperationException", "A predefined deployment configuration cannot be deleted");
    }
    boolean inUse =
        applications.values().stream()
            .flatMap(a -> a.groups().values().stream())
            .anyMatch(g -> g.deploymentConfigName().equals(name));
    if (inUse) {
      throw AwsException.client(
          "DeploymentConfigInUseException", "The deployment configuration is in use: " + name);
    }
    configs.remove(name);
  }

  public Collection<DeploymentConfig> configs() {
    return configs.values();
  }

  // ---- deployments ----

  /** The arguments of CreateDeployment that matter for ECS. */
  public record DeploymentRequest(
      String applicationName,
      String groupName,
      JsonNode revision,
      String configName,
      String description,
      ObjectNode autoRollbackConfiguration,
      ObjectNode overrideAlarmConfiguration) {}

  public Deployment createDeployment(DeploymentRequest request, Instant at) {
    Application application = application(request.applicationName());
    if (request.groupName() == null || request.groupName().isEmpty()) {
      throw AwsException.client(
          "DeploymentGroupNameRequiredException", "Deployment group name must be specified");
    }
    DeploymentGroup group = group(application.name(), request.groupName());
    if (request.description() != null && request.description().length() > 256) {
      throw AwsException.client(
          "DescriptionTooLongException", "The description is too long (at most 256 characters)");
    }
    String content = appSpecContent(request.revision());
    String configName =
        request.configName() != null ? request.configName() : group.deploymentConfigName();
    DeploymentConfig config = config(configName);
    if (group.activeDeploymentId() != null) {
      throw AwsException.client(
          "DeploymentLimitExceededException",
          "The Deployment Group '%s' already has an active Deployment '%s'"
              .formatted(group.name(), group.activeDeploymentId()));
    }
    if (active.size() >= MAX_ACTIVE_DEPLOYMENTS) {
      throw AwsException.client(
          "DeploymentLimitExceededException",
          "The account already has " + MAX_ACTIVE_DEPLOYMENTS + " active deployments");
    }
    ObjectNode rollbackJson =
        request.autoRollbackConfiguration() != null
            ? request.autoRollbackConfiguration()
            : (ObjectNode) group.settings().get("autoRollbackConfiguration");
    ObjectNode alarmJson =
        request.overrideAlarmConfiguration() != null
            ? request.overrideAlarmConfiguration()
            : (ObjectNode) group.settings().get("alarmConfiguration");
    Deployment previous = group.lastSuccessful();
    var deployment =
        new Deployment(
            ids.deploymentId(),
            group,
            config.name(),
            config.routing(),
            at,
            request.description(),
            "user",
            revisionWithoutContent(request.revision()),
            previous == null ? null : previous.revision(),
            content,
            AutoRollback.from(rollbackJson),
            rollbackJson,
            AlarmSettings.from(alarmJson),
            request.overrideAlarmConfiguration(),
            null);
    register(deployment);
    engine.schedule(deployment, at.plus(engine.startDelay()));
    return deployment;
  }

  void register(Deployment deployment) {
    deployments.put(deployment.id(), deployment);
    active.add(deployment);
    deployment.group().setActiveDeploymentId(deployment.id());
    deployment.group().setLastAttempted(deployment);
  }

  void finished(Deployment deployment) {
    active.remove(deployment);
    if (deployment.id().equals(deployment.group().activeDeploymentId())) {
      deployment.group().setActiveDeploymentId(null);
    }
    if (deployment.status() == Deployment.Status.Succeeded) {
      deployment.group().setLastSuccessful(deployment);
    }
  }

  private static String appSpecContent(JsonNode revision) {
    if (revision == null || revision.isNull() || revision.isMissingNode()) {
      throw AwsException.client("RevisionRequiredException", "RevisionLocation must be specified");
    }
    String type = revision.path("revisionType").asText("");
    JsonNode holder =
        switch (type) {
          case "AppSpecContent" -> revision.path("appSpecContent");
          case "String" -> revision.path("string");
          default ->
              throw AwsException.client(
                  "InvalidRevisionException",
                  "Unsupported revisionType '"
                      + type
                      + "': the simulator accepts AppSpecContent and String revisions");
        };
    String content = holder.path("content").asText(null);
    if (content == null || content.isEmpty()) {
      throw AwsException.client("InvalidRevisionException", "The AppSpec content is missing");
    }
    String sha256 = holder.path("sha256").asText(null);
    if (sha256 != null && !sha256.isEmpty() && !sha256.equalsIgnoreCase(sha256Hex(content))) {
      throw AwsException.client(
          "InvalidRevisionException", "The sha256 does not match the AppSpec content");
    }
    return content;
  }

  /** GetDeployment never returns the AppSpec content, only its hash. */
  private static ObjectNode revisionWithoutContent(JsonNode revision) {
    ObjectNode copy = ((ObjectNode) revision).deepCopy();
    for (String holder : new String[] {"appSpecContent", "string"}) {
      if (copy.path(holder).isObject()) {
        ObjectNode h = (ObjectNode) copy.get(holder);
        String content = h.path("content").asText(null);
        h.remove("content");
        if (!h.has("sha256") && content != null) {
          h.put("sha256", sha256Hex(content));
        }
      }
    }
    return copy;
  }

  static String sha256Hex(String content) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Deployment deployment(String id) {
    if (id == null || id.isEmpty()) {
      throw AwsException.client("DeploymentIdRequiredException", "Deployment id is required");
    }
    Deployment deployment = deployments.get(id);
    if (deployment == null) {
      if (!id.matches("d-[A-Z0-9]{9}")) {
        throw AwsException.client(
            "InvalidDeploymentIdException",
            "Specified DeploymentId is not in the valid format: " + id);
      }
      throw AwsException.client(
          "DeploymentDoesNotExistException", "The deployment " + id + " could not be found");
    }
    return deployment;
  }

  public Collection<Deployment> deployments() {
    return deployments.values();
  }

  public Collection<Deployment> activeDeployments() {
    return active;
  }

  String newDeploymentId() {
    return ids.deploymentId();
  }

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  private static void requireName(String name, String requiredCode, String invalidCode) {
    if (name == null || name.isEmpty()) {
      throw AwsException.client(requiredCode, "A name must be specified");
    }
    if (name.length() > 100) {
      throw AwsException.client(invalidCode, "The name is too long (at most 100 characters)");
    }
  }
}
