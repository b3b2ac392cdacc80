package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events on a release: one per phase change and one per action annotation. An Event
 * that cannot be written is logged, never allowed to fail the pass.
 */
public final class ReleaseEvents {
  public static final String COMPONENT = "ecs-bluegreen-operator";
  private static final Logger log = LoggerFactory.getLogger(ReleaseEvents.class);
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final Clock clock;

  public ReleaseEvents(Clock clock) {
    this.clock = clock;
  }

  public void record(
      KubernetesClient client,
      EcsBlueGreenRelease release,
      String reason,
      String message,
      boolean warning) {
    var metadata = release.getMetadata();
    String now = clock.instant().toString();
    var event =
        new EventBuilder()
            .withNewMetadata()
            .withName(
                "%s.%x%x"
                    .formatted(
                        metadata.getName(), System.currentTimeMillis(), SEQUENCE.incrementAndGet())
                    .toLowerCase(Locale.ROOT))
            .withNamespace(metadata.getNamespace())
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(release.getApiVersion())
                    .withKind(release.getKind())
                    .withName(metadata.getName())
                    .withNamespace(metadata.getNamespace())
                    .withUid(metadata.getUid())
                    .build())
            .withReason(reason)
            .withMessage(message)
            .withType(warning ? "Warning" : "Normal")
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withReportingComponent(COMPONENT)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .build();
    try {
      client.v1().events().inNamespace(metadata.getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      log.warn("Could not record Event {} on the release: {}", reason, e.getMessage());
    }
  }
}
