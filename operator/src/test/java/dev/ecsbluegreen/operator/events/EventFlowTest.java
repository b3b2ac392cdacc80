package dev.ecsbluegreen.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.events.EventFlow.Coverage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventFlowTest {
  private Instant now = Instant.parse("2025-01-01T00:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };
  private final EventFlow flow = EventFlow.on(clock, Duration.ofMinutes(2));

  @Test
  void withoutAQueueEveryDeploymentIsPolled() {
    var off = EventFlow.off();
    off.heard("d-1");
    assertThat(off.coverage("d-1")).isEqualTo(Coverage.POLLED);
  }

  @Test
  void aHeardDeploymentIsPushedForAsLongAsItRuns() {
    flow.heard("d-1");
    now = now.plus(Duration.ofHours(3));
    assertThat(flow.coverage("d-1")).isEqualTo(Coverage.PUSHED);
  }

  @Test
  void anUnheardDeploymentIsTrustedToSendEventsOnlyUntilTheQuietThreshold() {
    assertThat(flow.coverage("d-1")).isEqualTo(Coverage.PUSHED);
    now = now.plusSeconds(119);
    assertThat(flow.coverage("d-1")).isEqualTo(Coverage.PUSHED);

    now = now.plusSeconds(1);
    assertThat(flow.coverage("d-1")).isEqualTo(Coverage.WENT_QUIET);
    assertThat(flow.coverage("d-1")).isEqualTo(Coverage.POLLED);
  }

  @Test
  void aLateEventMakesAQuietDeploymentPushedAgain() {
    flow.coverage("d-1");
    now = now.plusSeconds(300);
    assertThat(flow.coverage("d-1")).isEqualTo(Coverage.WENT_QUIET);

    flow.heard("d-1");
    assertThat(flow.coverage("d-1")).isEqualTo(Coverage.PUSHED);
  }

  @Test
  void aFailingQueueMeansPollingUntilItAnswersAgain() {
    flow.heard("d-1");
    flow.receiveFailed();
    assertThat(flow.coverage("d-1")).isEqualTo(Coverage.POLLED);

    flow.receiveSucceeded();
    assertThat(flow.coverage("d-1")).isEqualTo(Coverage.PUSHED);
  }

  @Test
  void coversAgreesWithCoverageWithoutStartingTheQuietCount() {
    assertThat(EventFlow.off().covers("d-1")).isFalse();
    assertThat(flow.covers(null)).isFalse();

    // Asking before a pass starts nothing: the count starts at the pass's own coverage.
    now = now.plus(Duration.ofHours(1));
    assertThat(flow.covers("d-1")).isTrue();
    flow.coverage("d-1");
    now = now.plusSeconds(119);
    assertThat(flow.covers("d-1")).isTrue();
    now = now.plusSeconds(1);
    assertThat(flow.covers("d-1")).isFalse();
    // Asking never reports the quiet queue in the pass's place.
    assertThat(flow.coverage("d-1")).isEqualTo(Coverage.WENT_QUIET);

    flow.heard("d-1");
    assertThat(flow.covers("d-1")).isTrue();
    flow.receiveFailed();
    assertThat(flow.covers("d-1")).isFalse();
  }
}
