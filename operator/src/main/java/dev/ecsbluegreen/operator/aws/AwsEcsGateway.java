package dev.ecsbluegreen.operator.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * {@link EcsGateway} on the AWS SDK's {@link EcsClient}. Task definitions cross as JSON trees in
 * RegisterTaskDefinition form, converted field by field through the SDK's own model metadata (see
 * {@link SdkModelJson}), so nothing the operator does not model is lost. A revision read by its ARN
 * is kept (revisions are immutable; of their tags only the operator's own matter, set when it
 * registered them), so releases of one family do not describe the same revision pass after pass.
 */
public final class AwsEcsGateway implements EcsGateway {

  /** Revisions read by ARN; enough for the newest revisions of many families. */
  static final int CACHED_REVISIONS = 2_000;

  /**
   * The members of a described revision that ECS computes; they are not part of the register form.
   * Anything else RegisterTaskDefinition does not accept is dropped as well, should ECS add more.
   */
  static final Set<String> READ_ONLY_FIELDS =
      Set.of(
          "taskDefinitionArn",
          "revision",
          "status",
          "requiresAttributes",
          "compatibilities",
          "registeredAt",
          "registeredBy",
          "deregisteredAt");

  private static final List<String> REGISTER_FIELDS =
      SdkModelJson.memberNames(RegisterTaskDefinitionRequest.builder().build());

  private final EcsClient ecs;
  private final EcsClient registering;
  private final Map<String, TaskDefinitionDocument> revisions =
      Collections.synchronizedMap(new LruMap<>(CACHED_REVISIONS));

  /**
   * @param ecs for reads
   * @param registering for RegisterTaskDefinition only, configured without SDK retries: ECS has no
   *     client token for it, so a retry after a lost answer registers a second revision. The
   *     reconciler's next pass finds the first one by its tags instead.
   */
  public AwsEcsGateway(EcsClient ecs, EcsClient registering) {
    this.ecs = ecs;
    this.registering = registering;
  }

  @Override
  public ServiceState describeService(String cluster, String service) {
    return describeServices(cluster, List.of(service)).get(service).require();
  }

  @Override
  public Optional<String> targetGroupArn(String cluster, String service, String targetGroupName) {
    String named = ":targetgroup/" + targetGroupName + "/";
    return ServiceDescriptions.describe(
            ecs,
            cluster,
            List.of(service),
            (name, found) -> targetGroupArns(found),
            (name, reason) -> List.<String>of())
        .get(service)
        .stream()
        .filter(a -> a != null && a.contains(named))
        .findFirst();
  }

  /** The target groups of the service's task sets, then of the service itself. */
  private static List<String> targetGroupArns(
      software.amazon.awssdk.services.ecs.model.Service service) {
    var arns = new ArrayList<String>();
    service.taskSets().forEach(t -> t.loadBalancers().forEach(lb -> arns.add(lb.targetGroupArn())));
    service.loadBalancers().forEach(lb -> arns.add(lb.targetGroupArn()));
    return arns;
  }

  @Override
  public Map<String, ServiceLookup> describeServices(String cluster, List<String> services) {
    return ServiceDescriptions.describe(
        ecs,
        cluster,
        services,
        (name, found) -> new ServiceLookup(cluster, name, state(cluster, found), null),
        (name, reason) -> ServiceLookup.missing(cluster, name, reason));
  }

  private static ServiceState state(
      String cluster, software.amazon.awssdk.services.ecs.model.Service s) {
    String controller =
        s.deploymentController() == null ? "ECS" : s.deploymentController().typeAsString();
    return new ServiceState(
        cluster, s.serviceName(), s.serviceArn(), s.status(), controller, currentTaskDefinition(s));
  }

  /** The primary task set's revision for CODE_DEPLOY services, else the service's own. */
  private static String currentTaskDefinition(software.amazon.awssdk.services.ecs.model.Service s) {
    return s.taskSets().stream()
        .filter(t -> "PRIMARY".equals(t.status()))
        .map(t -> t.taskDefinition())
        .findFirst()
        .orElse(s.taskDefinition());
  }

  @Override
  public TaskDefinitionDocument describeTaskDefinition(String reference) {
    if (!isArn(reference)) {
      return describe(reference);
    }
    var cached = revisions.get(reference);
    if (cached != null) {
      return cached;
    }
    var document = describe(reference);
    revisions.put(reference, document);
    return document;
  }

  private TaskDefinitionDocument describe(String reference) {
    try {
      DescribeTaskDefinitionResponse response =
          ecs.describeTaskDefinition(
              b -> b.taskDefinition(reference).include(TaskDefinitionField.TAGS));
      return toDocument(response);
    } catch (software.amazon.awssdk.services.ecs.model.ClientException e) {
      // ECS answers ClientException "Unable to describe task definition." for unknown ones.
      throw new InvalidReleaseException(
          "ECS task definition %s not found (DescribeTaskDefinition)".formatted(reference),
          "ClientException",
          null);
    } catch (RuntimeException e) {
      throw AwsErrors.classify(e, "DescribeTaskDefinition", "ECS task definition " + reference);
    }
  }

  /** A revision's ARN, as opposed to a family or family:revision, which may name another later. */
  private static boolean isArn(String reference) {
    return reference.startsWith("arn:") && reference.contains(":task-definition/");
  }

  @Override
  public List<String> activeRevisions(String family) {
    return AwsErrors.call(
            "ListTaskDefinitions",
            "ECS task definition family " + family,
            () ->
                ecs.listTaskDefinitions(
                    b ->
                        b.familyPrefix(family)
                            .status(TaskDefinitionStatus.ACTIVE)
                            .sort(SortOrder.DESC)
                            .maxResults(REVISIONS_LOOKED_AT)))
        .taskDefinitionArns();
  }

  @Override
  public String registerTaskDefinition(
      ObjectNode registerRequest, Map<String, String> tags, String releaseUid) {
    String family = registerRequest.path("family").asText("?");
    var builder =
        SdkModelJson.fill(
            RegisterTaskDefinitionRequest.builder(), registerRequest, "RegisterTaskDefinition");
    if (!tags.isEmpty()) {
      builder.tags(
          tags.entrySet().stream()
              .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
              .toList());
    }
    if (releaseUid != null) {
      builder.overrideConfiguration(
          o -> o.putExecutionAttribute(GuardInterceptor.RELEASE_UID, releaseUid));
    }
    var request = builder.build();
    return AwsErrors.call(
            "RegisterTaskDefinition",
            "ECS task definition family " + family,
            () -> registering.registerTaskDefinition(request))
        .taskDefinition()
        .taskDefinitionArn();
  }

  static TaskDefinitionDocument toDocument(DescribeTaskDefinitionResponse response) {
    var td = response.taskDefinition();
    ObjectNode described = SdkModelJson.toJson(td);
    ObjectNode registerForm = described.objectNode();
    described
        .fields()
        .forEachRemaining(
            e -> {
              if (!READ_ONLY_FIELDS.contains(e.getKey())
                  && REGISTER_FIELDS.contains(e.getKey())
                  && !e.getKey().equals("tags")) {
                registerForm.set(e.getKey(), e.getValue());
              }
            });
    Map<String, String> tags = new LinkedHashMap<>();
    response.tags().forEach(t -> tags.put(t.key(), t.value()));
    return new TaskDefinitionDocument(
        td.taskDefinitionArn(), td.family(), td.revision(), registerForm, Map.copyOf(tags));
  }
}
