package dev.ecsbluegreen.simulator.world;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CodeDeploy's resources (applications, deployment groups, configs) and the rules AWS applies when
 * they are created or changed. Deployments live in {@link DeploymentRegistry}.
 */
public final class CodeDeployState {

  private static final Pattern CONFIG_NAME = Pattern.compile("[A-Za-z0-9.\\_+=,@-]{1,100}");

  private final Map<String, Application> applications = new LinkedHashMap<>();
  private final Map<String, DeploymentConfig> configs = new LinkedHashMap<>();
  private final Arns arns;
  private final Ids ids;
  private final EcsState ecs;
  private final LoadBalancers loadBalancers;
  private final DeploymentGroupRules groupRules;

  CodeDeployState(Arns arns, Ids ids, EcsState ecs, LoadBalancers loadBalancers, Instant start) {
    this.arns = arns;
    this.ids = ids;
    this.ecs = ecs;
    this.loadBalancers = loadBalancers;
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

  /** Deletes the application and its groups; AWS answers success for a name it does not know. */
  public void deleteApplication(String name) {
    requireName(name, "ApplicationNameRequiredException", "InvalidApplicationNameException");
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

  /** AWS answers success when the application or the group does not exist. */
  public void deleteDeploymentGroup(String applicationName, String name) {
    requireName(
        applicationName, "ApplicationNameRequiredException", "InvalidApplicationNameException");
    requireName(
        name, "DeploymentGroupNameRequiredException", "InvalidDeploymentGroupNameException");
    Application application = applications.get(applicationName);
    DeploymentGroup group = application == null ? null : application.groups().remove(name);
    if (group != null) {
      unbindService(group);
    }
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

  /**
   * Deletes a custom config that no deployment group uses; AWS answers success for a name it does
   * not know.
   */
  public void deleteDeploymentConfig(String name) {
    if (name == null || name.isEmpty()) {
      throw AwsException.client(
          "DeploymentConfigNameRequiredException", "Deployment config name must be specified");
    }
    DeploymentConfig config = configs.get(name);
    if (config == null) {
      return;
    }
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

  private static void requireName(String name, String requiredCode, String invalidCode) {
    if (name == null || name.isEmpty()) {
      throw AwsException.client(requiredCode, "A name must be specified");
    }
    if (name.length() > 100) {
      throw AwsException.client(invalidCode, "The name is too long (at most 100 characters)");
    }
  }
}
