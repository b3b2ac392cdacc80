package dev.ecsbluegreen.operator.chaos;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.aws.DeploymentDescription;
import dev.ecsbluegreen.operator.aws.ReleaseIdentity;
import dev.ecsbluegreen.operator.chaos.Defect.Kind;
import dev.ecsbluegreen.operator.taskdef.TaskDefinitionResolver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentCreator;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/**
 * Compares what AWS holds with what the releases say, through the same APIs a user's AWS CLI would:
 * one deployment per attempt, one task definition revision per release and content, every release
 * in the phase its configuration must end in, and every status agreeing with AWS.
 */
final class AwsAudit {
  static final Set<Phase> ENDED = Set.of(Phase.Succeeded, Phase.RolledBack, Phase.Failed);

  private final CodeDeployClient codeDeploy;
  private final EcsClient ecs;
  private final String cluster;
  private int deploymentsSeen;
  private int revisionsSeen;

  AwsAudit(CodeDeployClient codeDeploy, EcsClient ecs, String cluster) {
    this.codeDeploy = codeDeploy;
    this.ecs = ecs;
    this.cluster = cluster;
  }

  /** The releases' own deployments the audit found, rollback deployments left out. */
  int deploymentsSeen() {
    return deploymentsSeen;
  }

  /** The task definition revisions the releases registered, as the audit found them. */
  int revisionsSeen() {
    return revisionsSeen;
  }

  /** Every defect of the releases, as the cluster holds them now. */
  List<Defect> audit(List<ChaosRelease> planned, Map<String, EcsBlueGreenRelease> inCluster) {
    var defects = new ArrayList<Defect>();
    for (var release : planned) {
      var resource = inCluster.get(release.name());
      if (resource == null) {
        defects.add(new Defect(Kind.WRONG_PHASE, release.name(), "not found in the cluster"));
        continue;
      }
      defects.addAll(auditOne(release, resource));
    }
    return defects;
  }

  private List<Defect> auditOne(ChaosRelease planned, EcsBlueGreenRelease resource) {
    var defects = new ArrayList<Defect>();
    String name = planned.name();
    String uid = resource.getMetadata().getUid();
    var deployments = ownDeployments(name, uid);
    deploymentsSeen += deployments.size();

    // One deployment per attempt: an attempt is what the token names.
    deployments.stream()
        .collect(Collectors.groupingBy(d -> d.identity().token()))
        .forEach(
            (token, same) -> {
              if (same.size() > 1) {
                defects.add(
                    new Defect(
                        Kind.DUPLICATE_DEPLOYMENT,
                        name,
                        "%d deployments for generation %d (token %s): %s"
                            .formatted(
                                same.size(),
                                same.get(0).identity().generation(),
                                token,
                                same.stream().map(d -> d.info().deploymentId()).toList())));
              }
            });
    defects.addAll(duplicateRevisions(name, uid));

    var status = resource.getStatus();
    long generation = resource.getMetadata().getGeneration();
    if (generation != planned.finalGeneration()) {
      defects.add(
          new Defect(
              Kind.STATUS_MISMATCH,
              name,
              "the run committed %d generations, the cluster says %d"
                  .formatted(planned.finalGeneration(), generation)));
    }
    if (status == null || status.phase() != planned.shape().expected) {
      boolean ended = status != null && ENDED.contains(status.phase());
      defects.add(
          new Defect(
              ended ? Kind.WRONG_PHASE : Kind.UNFINISHED,
              name,
              "%s ended %s, expected %s (%s)"
                  .formatted(
                      planned.shape(),
                      status == null ? "without a status" : status.phase(),
                      planned.shape().expected,
                      status == null ? "" : status.message())));
    }
    if (status != null) {
      defects.addAll(statusAgainstAws(name, generation, status, deployments));
    }
    return defects;
  }

  private List<Defect> statusAgainstAws(
      String name, long generation, EcsBlueGreenReleaseStatus status, List<Owned> deployments) {
    var defects = new ArrayList<Defect>();
    var mismatch = new Mismatches(name, defects);
    mismatch.check(
        "observedGeneration", (Long) generation, status.observedGeneration(), "the spec's");
    var current =
        deployments.stream()
            .filter(d -> d.identity().generation() == generation)
            .filter(d -> d.identity().token().equals(status.releaseToken()))
            .toList();
    if (current.isEmpty() && status.deploymentId() == null) {
      // No deployment for this attempt yet, and the status says none.
      return defects;
    }
    if (current.size() != 1) {
      mismatch.add(
          "AWS holds %d deployments of generation %d with token %s, the status names %s"
              .formatted(current.size(), generation, status.releaseToken(), status.deploymentId()));
      return defects;
    }
    var info = current.get(0).info();
    mismatch.check("deploymentId", info.deploymentId(), status.deploymentId(), "AWS's");
    // The status spells CodeDeploy's states as the operator's enum does: IN_PROGRESS for
    // InProgress.
    mismatch.check(
        "deploymentStatus",
        comparable(info.statusAsString()),
        comparable(status.deploymentStatus()),
        "AWS's");
    String rollbackId =
        info.rollbackInfo() == null ? null : info.rollbackInfo().rollbackDeploymentId();
    mismatch.check("rollbackDeploymentId", rollbackId, status.rollbackDeploymentId(), "AWS's");
    if (status.phase() == null) {
      return defects;
    }
    String runs = runningTaskDefinition(name);
    switch (status.phase()) {
      case Succeeded -> {
        mismatch.check("deployment status", "Succeeded", info.statusAsString(), "the phase's");
        mismatch.check("service's task definition", status.taskDefinitionArn(), runs, "status");
      }
      case RolledBack -> {
        mismatch.check("rollback", true, rollbackId != null, "the phase's");
        if (rollbackId != null) {
          mismatch.check(
              "rollback status",
              "Succeeded",
              deployment(rollbackId).statusAsString(),
              "the phase's");
        }
        mismatch.check(
            "service's task definition", status.previousTaskDefinitionArn(), runs, "status");
      }
      case Failed -> {
        mismatch.check(
            "deployment status",
            true,
            !"Succeeded".equals(info.statusAsString()),
            "ended unsuccessfully per the phase");
      }
      default -> {
        // Unfinished: reported as such; what it shows so far was compared above.
      }
    }
    return defects;
  }

  private static String comparable(String state) {
    return state == null ? null : state.replace("_", "").toLowerCase(Locale.ROOT);
  }

  /** Collects status fields that differ from what AWS (or the phase) implies. */
  private record Mismatches(String release, List<Defect> into) {
    void check(String field, Object expected, Object actual, String source) {
      if (!Objects.equals(expected, actual)) {
        add("%s is %s, %s is %s".formatted(field, actual, source, expected));
      }
    }

    void add(String detail) {
      into.add(new Defect(Kind.STATUS_MISMATCH, release, detail));
    }
  }

  private record Owned(DeploymentInfo info, ReleaseIdentity identity) {}

  /** The release's own deployments in its group (CodeDeploy's rollback deployments left out). */
  private List<Owned> ownDeployments(String name, String uid) {
    var ids = new ArrayList<String>();
    codeDeploy
        .listDeploymentsPaginator(
            b -> b.applicationName(name + "-app").deploymentGroupName(name + "-dg"))
        .forEach(page -> ids.addAll(page.deployments()));
    var owned = new ArrayList<Owned>();
    for (int from = 0; from < ids.size(); from += 25) {
      var batch = ids.subList(from, Math.min(ids.size(), from + 25));
      for (var info :
          codeDeploy.batchGetDeployments(b -> b.deploymentIds(batch)).deploymentsInfo()) {
        if (info.creator() == DeploymentCreator.CODE_DEPLOY_ROLLBACK) {
          continue;
        }
        DeploymentDescription.parse(info.description())
            .filter(identity -> identity.uid().equals(uid))
            .ifPresent(identity -> owned.add(new Owned(info, identity)));
      }
    }
    return owned;
  }

  private DeploymentInfo deployment(String id) {
    return codeDeploy.getDeployment(b -> b.deploymentId(id)).deploymentInfo();
  }

  /** Revisions the release registered, more than one for the same content. */
  private List<Defect> duplicateRevisions(String family, String uid) {
    Map<String, List<String>> byContent = new HashMap<>();
    ecs.listTaskDefinitionsPaginator(b -> b.familyPrefix(family))
        .taskDefinitionArns()
        .forEach(
            arn -> {
              var described =
                  ecs.describeTaskDefinition(
                      b -> b.taskDefinition(arn).include(TaskDefinitionField.TAGS));
              var tags = new HashMap<String, String>();
              described.tags().forEach(t -> tags.put(t.key(), t.value()));
              if (described.taskDefinition().family().equals(family)
                  && uid.equals(tags.get(TaskDefinitionResolver.TAG_RELEASE_UID))) {
                byContent
                    .computeIfAbsent(
                        tags.get(TaskDefinitionResolver.TAG_DEFINITION_HASH),
                        hash -> new ArrayList<>())
                    .add(arn);
                revisionsSeen++;
              }
            });
    return byContent.values().stream()
        .filter(arns -> arns.size() > 1)
        .map(
            arns ->
                new Defect(
                    Kind.DUPLICATE_REVISION,
                    family,
                    "%d revisions of the same content: %s".formatted(arns.size(), arns)))
        .toList();
  }

  private String runningTaskDefinition(String service) {
    return ecs.describeServices(b -> b.cluster(cluster).services(service))
        .services()
        .get(0)
        .taskDefinition();
  }
}
