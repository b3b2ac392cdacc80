package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseSpec;
import dev.ecsbluegreen.operator.api.v1alpha1.ManagedDeploymentGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Pure mapping between a release's {@code spec.codeDeploy.create} and the {@link
 * DeploymentGroupState} the gateway creates, updates and reads, plus the drift between two states.
 */
public final class ManagedGroupMapper {

  private ManagedGroupMapper() {}

  /** The group a release with {@code codeDeploy.create} wants. */
  public static DeploymentGroupState desired(EcsBlueGreenReleaseSpec spec) {
    ManagedDeploymentGroup create = spec.codeDeploy().create();
    if (create == null) {
      throw new IllegalArgumentException("the release does not manage its deployment group");
    }
    var ready = create.readyOption();
    boolean stop =
        ready.actionOnTimeout() == ManagedDeploymentGroup.ActionOnTimeout.STOP_DEPLOYMENT;
    return new DeploymentGroupState(
        spec.codeDeploy().application(),
        spec.codeDeploy().deploymentGroup(),
        create.serviceRoleArn(),
        spec.service().cluster(),
        spec.service().name(),
        List.copyOf(create.targetGroups()),
        List.copyOf(create.productionListenerArns()),
        List.copyOf(create.testListenerArns()),
        create.terminationWaitMinutes(),
        ready.actionOnTimeout().name(),
        stop ? ready.waitMinutes() : null,
        create.autoRollbackEvents().stream().map(Enum::name).toList(),
        List.copyOf(create.alarms()),
        create.triggers().stream()
            .map(
                t ->
                    new DeploymentGroupState.Trigger(
                        t.name(), t.targetArn(), t.events().stream().map(Enum::name).toList()))
            .toList());
  }

  /**
   * The names of the fields in which the actual group differs from the desired one (the record
   * component names, e.g. {@code alarms}). Lists whose order AWS does not keep meaningfully are
   * compared as sets; a ready wait is compared only for STOP_DEPLOYMENT.
   */
  public static List<String> drift(DeploymentGroupState desired, DeploymentGroupState actual) {
    List<String> drifted = new ArrayList<>();
    check(drifted, "serviceRoleArn", desired.serviceRoleArn(), actual.serviceRoleArn());
    check(drifted, "clusterName", desired.clusterName(), actual.clusterName());
    check(drifted, "serviceName", desired.serviceName(), actual.serviceName());
    checkSet(drifted, "targetGroups", desired.targetGroups(), actual.targetGroups());
    checkSet(
        drifted,
        "productionListenerArns",
        desired.productionListenerArns(),
        actual.productionListenerArns());
    checkSet(drifted, "testListenerArns", desired.testListenerArns(), actual.testListenerArns());
    check(
        drifted,
        "terminationWaitMinutes",
        desired.terminationWaitMinutes(),
        actual.terminationWaitMinutes());
    check(drifted, "readyAction", desired.readyAction(), actual.readyAction());
    if ("STOP_DEPLOYMENT".equals(desired.readyAction())) {
      check(drifted, "readyWaitMinutes", desired.readyWaitMinutes(), actual.readyWaitMinutes());
    }
    checkSet(
        drifted, "autoRollbackEvents", desired.autoRollbackEvents(), actual.autoRollbackEvents());
    checkSet(drifted, "alarms", desired.alarms(), actual.alarms());
    checkSet(drifted, "triggers", normalised(desired.triggers()), normalised(actual.triggers()));
    return drifted;
  }

  private static List<DeploymentGroupState.Trigger> normalised(
      List<DeploymentGroupState.Trigger> triggers) {
    if (triggers == null) {
      return List.of();
    }
    return triggers.stream()
        .map(
            t ->
                new DeploymentGroupState.Trigger(
                    t.name(),
                    t.targetArn(),
                    t.events() == null
                        ? List.of()
                        : t.events().stream().sorted(Comparator.naturalOrder()).toList()))
        .toList();
  }

  private static void check(List<String> drifted, String field, Object desired, Object actual) {
    if (!Objects.equals(desired, actual)) {
      drifted.add(field);
    }
  }

  private static void checkSet(
      List<String> drifted, String field, List<?> desired, List<?> actual) {
    var want = new HashSet<Object>(desired == null ? List.of() : desired);
    var have = new HashSet<Object>(actual == null ? List.of() : actual);
    if (!want.equals(have)) {
      drifted.add(field);
    }
  }
}
