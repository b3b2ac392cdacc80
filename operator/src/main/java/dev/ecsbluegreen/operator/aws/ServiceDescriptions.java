package dev.ecsbluegreen.operator.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * One DescribeServices call for up to {@link EcsGateway#SERVICES_PER_CALL} services of a cluster,
 * answered per service asked for, in the shape each gateway builds from the SDK's {@link Service}.
 */
final class ServiceDescriptions {
  private ServiceDescriptions() {}

  /**
   * @param found the answer for a service ECS returned, by the name (or ARN) it was asked for
   * @param missing the answer for one it did not, with ECS's {@code failures[].reason} (or null)
   * @return an answer for every service asked for, in the order asked
   */
  static <T> Map<String, T> describe(
      EcsClient ecs,
      String cluster,
      List<String> services,
      BiFunction<String, Service, T> found,
      BiFunction<String, String, T> missing) {
    if (services.size() > EcsGateway.SERVICES_PER_CALL) {
      throw new IllegalArgumentException(
          "DescribeServices takes at most %d services, not %d"
              .formatted(EcsGateway.SERVICES_PER_CALL, services.size()));
    }
    String resource =
        services.size() == 1
            ? "ECS service " + cluster + "/" + services.get(0)
            : "ECS services " + services + " of cluster " + cluster;
    var response =
        AwsErrors.call(
            "DescribeServices",
            resource,
            () -> ecs.describeServices(b -> b.cluster(cluster).services(services)));
    Map<String, T> answers = new LinkedHashMap<>();
    for (String name : services) {
      // A service may be asked for by name or ARN; ECS answers with both.
      var service =
          response.services().stream()
              .filter(s -> name.equals(s.serviceName()) || name.equals(s.serviceArn()))
              .findFirst();
      answers.put(
          name,
          service.isPresent()
              ? found.apply(name, service.get())
              : missing.apply(name, failure(response, name)));
    }
    return answers;
  }

  /** ECS's reason for a service it did not return; a lone failure is taken to be its. */
  private static String failure(DescribeServicesResponse response, String name) {
    return response.failures().stream()
        .filter(f -> f.arn() != null && (f.arn().equals(name) || f.arn().endsWith("/" + name)))
        .map(f -> f.reason())
        .findFirst()
        .orElse(response.failures().size() == 1 ? response.failures().get(0).reason() : null);
  }
}
