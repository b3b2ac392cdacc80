package dev.ecsbluegreen.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One release of an ECS service through an AWS CodeDeploy blue/green deployment or an ECS native
 * blue/green, linear or canary deployment.
 */
@Group(EcsBlueGreenRelease.GROUP)
@Version(EcsBlueGreenRelease.VERSION)
@Kind("EcsBlueGreenRelease")
@Plural("ecsbluegreenreleases")
@ShortNames({"releases", "release", "ebgr"})
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Green",
    jsonPath = ".status.traffic.green",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "TaskDef",
    jsonPath = ".status.taskDefinition",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Deployment",
    jsonPath = ".status.deploymentId",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
    name = "Engine",
    jsonPath = ".status.engine",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Analysis",
    jsonPath = ".status.analysisSummary",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Message",
    jsonPath = ".status.message",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
public class EcsBlueGreenRelease
    extends CustomResource<EcsBlueGreenReleaseSpec, EcsBlueGreenReleaseStatus>
    implements Namespaced {
  public static final String GROUP = "ecs.bluegreen.dev";
  public static final String VERSION = "v1alpha1";
}
