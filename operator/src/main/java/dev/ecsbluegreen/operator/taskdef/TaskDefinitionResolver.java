package dev.ecsbluegreen.operator.taskdef;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseSpec;
import dev.ecsbluegreen.operator.api.v1alpha1.InlineTaskDefinition;
import dev.ecsbluegreen.operator.api.v1alpha1.TaskDefinitionTemplate;
import dev.ecsbluegreen.operator.aws.EcsGateway;
import dev.ecsbluegreen.operator.aws.ReleaseIdentity;
import dev.ecsbluegreen.operator.aws.ServiceState;
import dev.ecsbluegreen.operator.aws.TaskDefinitionDocument;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Works out which task definition revision a release deploys, reading ECS only. A new revision is
 * planned only when the desired content differs from the family's newest revision (or, on an
 * attempt that follows no registration of the release, from the revision the service runs), and
 * never twice for the same release and content: registered revisions carry the release uid and the
 * content hash as tags, and a revision so tagged is reused after a crash.
 */
public final class TaskDefinitionResolver {

  public static final String TAG_RELEASE_UID = "ecs.bluegreen.dev/release-uid";
  public static final String TAG_GENERATION = "ecs.bluegreen.dev/generation";
  public static final String TAG_DEFINITION_HASH = "ecs.bluegreen.dev/definition-hash";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EcsGateway ecs;

  public TaskDefinitionResolver(EcsGateway ecs) {
    this.ecs = ecs;
  }

  private record Desired(ObjectNode request, Map<String, String> ownTags) {}

  /**
   * The plan when revisions of this release may exist already: the family's newest revisions are
   * listed, the newest is used when it has the desired content, and a revision this release
   * registered with this content (its answer lost, or the operator stopped before recording it) is
   * reused rather than registered twice.
   */
  public TaskDefinitionPlan plan(
      ReleaseIdentity release, EcsBlueGreenReleaseSpec spec, ServiceState service) {
    var taskDefinition = spec.taskDefinition();
    if (taskDefinition.arn() != null) {
      return new TaskDefinitionPlan.Use(ecs.describeTaskDefinition(taskDefinition.arn()).arn());
    }
    Desired desired = desired(spec, service);
    String hash = CanonicalJson.hash(desired.request());
    String family = desired.request().path("family").asText();

    // One listing answers both questions; the gateway describes a revision's ARN only once.
    List<String> revisions = ecs.activeRevisions(family);
    Optional<TaskDefinitionDocument> newest =
        revisions.stream().map(arn -> revision(arn, family)).flatMap(Optional::stream).findFirst();
    if (newest.isPresent() && sameContent(newest.get(), hash)) {
      return new TaskDefinitionPlan.Use(newest.get().arn());
    }
    Map<String, String> own = Map.of(TAG_RELEASE_UID, release.uid(), TAG_DEFINITION_HASH, hash);
    for (String arn : revisions) {
      var registeredBefore = revision(arn, family);
      if (registeredBefore.isPresent()
          && registeredBefore.get().tags().entrySet().containsAll(own.entrySet())) {
        return new TaskDefinitionPlan.Use(registeredBefore.get().arn());
      }
    }
    return register(release, desired, hash);
  }

  /**
   * The plan of an attempt known to follow no RegisterTaskDefinition of this release (see {@code
   * reconciler.FirstAttempts}): no revision carries the release's uid, so the family is not listed.
   * The revision the service runs is used when it has the desired content (nothing to deploy);
   * otherwise a new one is registered, even if some revision the service does not run happens to
   * have that content.
   */
  public TaskDefinitionPlan planUnregistered(
      ReleaseIdentity release, EcsBlueGreenReleaseSpec spec, ServiceState service) {
    var taskDefinition = spec.taskDefinition();
    if (taskDefinition.arn() != null) {
      return new TaskDefinitionPlan.Use(ecs.describeTaskDefinition(taskDefinition.arn()).arn());
    }
    Desired desired = desired(spec, service);
    String hash = CanonicalJson.hash(desired.request());
    String family = desired.request().path("family").asText();
    String running = service.taskDefinitionArn();
    Optional<TaskDefinitionDocument> serving =
        running == null ? Optional.empty() : revision(running, family);
    if (serving.isPresent() && sameContent(serving.get(), hash)) {
      return new TaskDefinitionPlan.Use(serving.get().arn());
    }
    return register(release, desired, hash);
  }

  private Desired desired(EcsBlueGreenReleaseSpec spec, ServiceState service) {
    var taskDefinition = spec.taskDefinition();
    return taskDefinition.template() != null
        ? fromTemplate(taskDefinition.template(), service)
        : fromInline(taskDefinition.inline());
  }

  private static TaskDefinitionPlan register(
      ReleaseIdentity release, Desired desired, String hash) {
    Map<String, String> tags = new LinkedHashMap<>(desired.ownTags());
    tags.put(TAG_RELEASE_UID, release.uid());
    tags.put(TAG_GENERATION, Long.toString(release.generation()));
    tags.put(TAG_DEFINITION_HASH, hash);
    return new TaskDefinitionPlan.Register(desired.request(), tags, hash);
  }

  /**
   * A revision of the family; empty when it is gone (since the listing), or belongs to another
   * family (one that shares the prefix ListTaskDefinitions matches on, or that the service ran
   * before the spec named a new family).
   */
  private Optional<TaskDefinitionDocument> revision(String arn, String family) {
    try {
      return Optional.of(ecs.describeTaskDefinition(arn)).filter(r -> r.family().equals(family));
    } catch (InvalidReleaseException gone) {
      return Optional.empty();
    }
  }

  /**
   * The revision has the desired content: its register form hashes the same, or it was registered
   * from exactly this content (ECS may echo defaults the request did not have).
   */
  private static boolean sameContent(TaskDefinitionDocument revision, String hash) {
    return hash.equals(CanonicalJson.hash(revision.registerForm()))
        || hash.equals(revision.tags().get(TAG_DEFINITION_HASH));
  }

  private Desired fromTemplate(TaskDefinitionTemplate template, ServiceState service) {
    String baseRef = template.from() != null ? template.from() : service.taskDefinitionArn();
    if (baseRef == null) {
      throw new InvalidReleaseException(
          "ECS service %s/%s runs no task definition to use as the template's base; set"
                  .formatted(service.clusterName(), service.serviceName())
              + " taskDefinition.template.from");
    }
    TaskDefinitionDocument base = ecs.describeTaskDefinition(baseRef);
    return new Desired(
        TemplateMerge.apply(base.registerForm(), template.containers(), base.arn()), Map.of());
  }

  /** The inline definition as ECS JSON: typed fields and the passed-through ones; tags apart. */
  static Desired fromInline(InlineTaskDefinition inline) {
    ObjectNode request = JSON.valueToTree(inline);
    request.remove("tags");
    Map<String, String> tags = new LinkedHashMap<>();
    if (inline.tags() != null) {
      inline.tags().forEach(t -> tags.put(t.key(), t.value() == null ? "" : t.value()));
    }
    return new Desired(request, tags);
  }
}
