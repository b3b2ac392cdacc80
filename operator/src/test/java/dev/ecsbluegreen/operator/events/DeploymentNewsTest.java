package dev.ecsbluegreen.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DeploymentNewsTest {
  static final Instant NOW = Instant.parse("2025-01-01T00:02:00Z");
  static final Instant ENDED = Instant.parse("2025-01-01T00:01:59Z");

  final DeploymentNews news = new DeploymentNews(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aPassTakesTheNewsOnce() {
    news.record(new DeploymentStateChange("d-1", "SUCCESS", ENDED));

    assertThat(news.take("d-1")).contains(new DeploymentNews.Told("SUCCESS", ENDED, NOW));
    assertThat(news.take("d-1")).isEmpty();
    assertThat(news.take("d-2")).isEmpty();
  }

  @Test
  void aLateStartNeverHidesTheEnd() {
    news.record(new DeploymentStateChange("d-1", "SUCCESS", ENDED));
    news.record(new DeploymentStateChange("d-1", "START", null));

    assertThat(news.take("d-1")).map(DeploymentNews.Told::state).contains("SUCCESS");
  }

  @Test
  void theLaterOfTwoEndsIsKept() {
    news.record(new DeploymentStateChange("d-1", "START", null));
    news.record(new DeploymentStateChange("d-1", "READY", null));
    news.record(new DeploymentStateChange("d-1", "FAILURE", null));

    assertThat(news.take("d-1")).map(DeploymentNews.Told::state).contains("FAILURE");
  }
}
