package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.api.v1alpha1.CodeDeploySpec;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.Alarm;
import software.amazon.awssdk.services.codedeploy.model.AlarmConfiguration;
import software.amazon.awssdk.services.codedeploy.model.ApplicationAlreadyExistsException;
import software.amazon.awssdk.services.codedeploy.model.ApplicationDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.ApplicationInfo;
import software.amazon.awssdk.services.codedeploy.model.AutoRollbackConfiguration;
import software.amazon.awssdk.services.codedeploy.model.BlueGreenDeploymentConfiguration;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentOption;
import software.amazon.awssdk.services.codedeploy.model.DeploymentReadyAction;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStyle;
import software.amazon.awssdk.services.codedeploy.model.DeploymentType;
import software.amazon.awssdk.services.codedeploy.model.ECSService;
import software.amazon.awssdk.services.codedeploy.model.InstanceAction;
import software.amazon.awssdk.services.codedeploy.model.LoadBalancerInfo;
import software.amazon.awssdk.services.codedeploy.model.TargetGroupInfo;
import software.amazon.awssdk.services.codedeploy.model.TargetGroupPairInfo;
import software.amazon.awssdk.services.codedeploy.model.TriggerConfig;

/**
 * {@link DeploymentGroupGateway} on the AWS SDK's {@link CodeDeployClient}: an ECS application and
 * a BLUE_GREEN / WITH_TRAFFIC_CONTROL group in the shape of a {@link DeploymentGroupState}.
 */
public final class AwsDeploymentGroupGateway implements DeploymentGroupGateway {

  private final CodeDeployClient codeDeploy;

  public AwsDeploymentGroupGateway(CodeDeployClient codeDeploy) {
    this.codeDeploy = codeDeploy;
  }

  @Override
  public Optional<DeploymentGroupState> describe(String application, String deploymentGroup) {
    return Optional.ofNullable(
        describeAll(application, List.of(deploymentGroup)).get(deploymentGroup));
  }

  @Override
  public Map<String, DeploymentGroupState> describeAll(
      String application, List<String> deploymentGroups) {
    if (deploymentGroups.size() > GROUPS_PER_CALL) {
      throw new IllegalArgumentException(
          "BatchGetDeploymentGroups takes at most %d groups, not %d"
              .formatted(GROUPS_PER_CALL, deploymentGroups.size()));
    }
    try {
      Map<String, DeploymentGroupState> groups = new LinkedHashMap<>();
      codeDeploy
          .batchGetDeploymentGroups(
              b -> b.applicationName(application).deploymentGroupNames(deploymentGroups))
          .deploymentGroupsInfo()
          .forEach(info -> groups.put(info.deploymentGroupName(), state(info)));
      return groups;
    } catch (ApplicationDoesNotExistException e) {
      return Map.of();
    } catch (RuntimeException e) {
      throw AwsErrors.classify(
          e,
          "BatchGetDeploymentGroups",
          deploymentGroups.size() == 1
              ? group(application, deploymentGroups.get(0))
              : "CodeDeploy deployment groups " + deploymentGroups + " of " + application);
    }
  }

  @Override
  public void ensureApplication(String application) {
    String resource = "CodeDeploy application " + application;
    Optional<ApplicationInfo> existing = application(application, resource);
    if (existing.isPresent()) {
      if (existing.get().computePlatform() != ComputePlatform.ECS) {
        throw new InvalidReleaseException(
            "%s exists with compute platform %s; ECS releases need an ECS application"
                .formatted(resource, existing.get().computePlatformAsString()),
            null,
            null);
      }
      return;
    }
    try {
      codeDeploy.createApplication(
          b -> b.applicationName(application).computePlatform(ComputePlatform.ECS));
    } catch (ApplicationAlreadyExistsException raced) {
      // Created by someone else since our read.
    } catch (RuntimeException e) {
      throw AwsErrors.classify(e, "CreateApplication", resource);
    }
  }

  private Optional<ApplicationInfo> application(String application, String resource) {
    try {
      return Optional.of(
          codeDeploy.getApplication(b -> b.applicationName(application)).application());
    } catch (ApplicationDoesNotExistException missing) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw AwsErrors.classify(e, "GetApplication", resource);
    }
  }

  @Override
  public void createGroup(DeploymentGroupState desired) {
    AwsErrors.run(
        "CreateDeploymentGroup",
        group(desired.application(), desired.deploymentGroup()),
        () ->
            codeDeploy.createDeploymentGroup(
                b ->
                    b.applicationName(desired.application())
                        .deploymentGroupName(desired.deploymentGroup())
                        .serviceRoleArn(desired.serviceRoleArn())
                        .deploymentConfigName(CodeDeploySpec.DEFAULT_DEPLOYMENT_CONFIG)
                        .deploymentStyle(STYLE)
                        .ecsServices(ecsService(desired))
                        .loadBalancerInfo(loadBalancerInfo(desired))
                        .blueGreenDeploymentConfiguration(blueGreen(desired))
                        .autoRollbackConfiguration(autoRollback(desired))
                        .alarmConfiguration(alarms(desired))
                        .triggerConfigurations(triggers(desired))));
  }

  @Override
  public void updateGroup(DeploymentGroupState desired) {
    // Every managed field is sent, so the update replaces each one wholesale (empty lists clear).
    AwsErrors.run(
        "UpdateDeploymentGroup",
        group(desired.application(), desired.deploymentGroup()),
        () ->
            codeDeploy.updateDeploymentGroup(
                b ->
                    b.applicationName(desired.application())
                        .currentDeploymentGroupName(desired.deploymentGroup())
                        .serviceRoleArn(desired.serviceRoleArn())
                        .deploymentStyle(STYLE)
                        .ecsServices(ecsService(desired))
                        .loadBalancerInfo(loadBalancerInfo(desired))
                        .blueGreenDeploymentConfiguration(blueGreen(desired))
                        .autoRollbackConfiguration(autoRollback(desired))
                        .alarmConfiguration(alarms(desired))
                        .triggerConfigurations(triggers(desired))));
  }

  private static final DeploymentStyle STYLE =
      DeploymentStyle.builder()
          .deploymentType(DeploymentType.BLUE_GREEN)
          .deploymentOption(DeploymentOption.WITH_TRAFFIC_CONTROL)
          .build();

  private static ECSService ecsService(DeploymentGroupState s) {
    return ECSService.builder().clusterName(s.clusterName()).serviceName(s.serviceName()).build();
  }

  private static LoadBalancerInfo loadBalancerInfo(DeploymentGroupState s) {
    var pair =
        TargetGroupPairInfo.builder()
            .targetGroups(
                s.targetGroups().stream()
                    .map(n -> TargetGroupInfo.builder().name(n).build())
                    .toList())
            .prodTrafficRoute(r -> r.listenerArns(s.productionListenerArns()));
    if (s.testListenerArns() != null && !s.testListenerArns().isEmpty()) {
      pair.testTrafficRoute(r -> r.listenerArns(s.testListenerArns()));
    }
    return LoadBalancerInfo.builder().targetGroupPairInfoList(pair.build()).build();
  }

  private static BlueGreenDeploymentConfiguration blueGreen(DeploymentGroupState s) {
    boolean stop = DeploymentReadyAction.STOP_DEPLOYMENT.toString().equals(s.readyAction());
    return BlueGreenDeploymentConfiguration.builder()
        .terminateBlueInstancesOnDeploymentSuccess(
            t ->
                t.action(InstanceAction.TERMINATE)
                    .terminationWaitTimeInMinutes(s.terminationWaitMinutes()))
        .deploymentReadyOption(
            r -> {
              r.actionOnTimeout(s.readyAction());
              if (stop) {
                r.waitTimeInMinutes(s.readyWaitMinutes());
              }
            })
        .build();
  }

  private static AutoRollbackConfiguration autoRollback(DeploymentGroupState s) {
    List<String> events = s.autoRollbackEvents() == null ? List.of() : s.autoRollbackEvents();
    return AutoRollbackConfiguration.builder()
        .enabled(!events.isEmpty())
        .eventsWithStrings(events)
        .build();
  }

  private static AlarmConfiguration alarms(DeploymentGroupState s) {
    List<String> alarms = s.alarms() == null ? List.of() : s.alarms();
    return AlarmConfiguration.builder()
        .enabled(!alarms.isEmpty())
        .alarms(alarms.stream().map(n -> Alarm.builder().name(n).build()).toList())
        .build();
  }

  private static List<TriggerConfig> triggers(DeploymentGroupState s) {
    if (s.triggers() == null) {
      return List.of();
    }
    return s.triggers().stream()
        .map(
            t ->
                TriggerConfig.builder()
                    .triggerName(t.name())
                    .triggerTargetArn(t.targetArn())
                    .triggerEventsWithStrings(t.events())
                    .build())
        .toList();
  }

  /** The group as AWS has it, in the terms {@link ManagedGroupMapper#drift} compares. */
  static DeploymentGroupState state(DeploymentGroupInfo info) {
    var service = info.ecsServices().isEmpty() ? null : info.ecsServices().get(0);
    var pair =
        info.loadBalancerInfo() == null
                || info.loadBalancerInfo().targetGroupPairInfoList().isEmpty()
            ? null
            : info.loadBalancerInfo().targetGroupPairInfoList().get(0);
    var blueGreen = info.blueGreenDeploymentConfiguration();
    var terminate =
        blueGreen == null ? null : blueGreen.terminateBlueInstancesOnDeploymentSuccess();
    var ready = blueGreen == null ? null : blueGreen.deploymentReadyOption();
    var rollback = info.autoRollbackConfiguration();
    var alarms = info.alarmConfiguration();
    return new DeploymentGroupState(
        info.applicationName(),
        info.deploymentGroupName(),
        info.serviceRoleArn(),
        service == null ? null : service.clusterName(),
        service == null ? null : service.serviceName(),
        pair == null ? List.of() : pair.targetGroups().stream().map(TargetGroupInfo::name).toList(),
        pair == null || pair.prodTrafficRoute() == null
            ? List.of()
            : List.copyOf(pair.prodTrafficRoute().listenerArns()),
        pair == null || pair.testTrafficRoute() == null
            ? List.of()
            : List.copyOf(pair.testTrafficRoute().listenerArns()),
        terminate == null || terminate.terminationWaitTimeInMinutes() == null
            ? 0
            : terminate.terminationWaitTimeInMinutes(),
        ready == null || ready.actionOnTimeout() == null
            ? DeploymentReadyAction.CONTINUE_DEPLOYMENT.toString()
            : ready.actionOnTimeoutAsString(),
        ready == null ? null : ready.waitTimeInMinutes(),
        rollback == null || !Boolean.TRUE.equals(rollback.enabled())
            ? List.of()
            : rollback.eventsAsStrings(),
        alarms == null || !Boolean.TRUE.equals(alarms.enabled())
            ? List.of()
            : alarms.alarms().stream().map(Alarm::name).toList(),
        info.triggerConfigurations().stream()
            .map(
                t ->
                    new DeploymentGroupState.Trigger(
                        t.triggerName(), t.triggerTargetArn(), t.triggerEventsAsStrings()))
            .toList());
  }

  private static String group(String application, String deploymentGroup) {
    return "deployment group " + application + "/" + deploymentGroup;
  }
}
