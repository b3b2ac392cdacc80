package dev.ecsbluegreen.operator.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Steady load on one release's production listener, as its users would send it: counts requests,
 * failures (any answer but 200, or no answer) and answers served by the green task definition.
 * Bounded: it stops when asked, and its requests only go to the loopback listener it was given.
 */
final class ListenerLoad implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PAUSE = Duration.ofMillis(20);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final URI listener;
  private final Supplier<String> greenTaskDefinitionArn;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong answeredByGreen = new AtomicLong();
  private final Thread sender;
  private volatile boolean running = true;

  ListenerLoad(String name, URI listener, Supplier<String> greenTaskDefinitionArn) {
    this.listener = listener;
    this.greenTaskDefinitionArn = greenTaskDefinitionArn;
    this.sender = new Thread(this::sendUntilClosed, "load-" + name);
    sender.setDaemon(true);
    sender.start();
  }

  LoadFigures figures() {
    return new LoadFigures(requests.get(), failures.get(), answeredByGreen.get());
  }

  private void sendUntilClosed() {
    while (running) {
      sendOne();
      try {
        Thread.sleep(PAUSE.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sendOne() {
    var request = HttpRequest.newBuilder(listener).timeout(REQUEST_TIMEOUT).GET().build();
    try {
      var response = http.send(request, HttpResponse.BodyHandlers.ofString());
      requests.incrementAndGet();
      if (response.statusCode() != 200) {
        failures.incrementAndGet();
        return;
      }
      var servedBy = JSON.readTree(response.body()).path("taskDefinition").asText();
      if (!servedBy.isEmpty() && servedBy.equals(greenTaskDefinitionArn.get())) {
        answeredByGreen.incrementAndGet();
      }
    } catch (IOException e) {
      if (running) {
        requests.incrementAndGet();
        failures.incrementAndGet();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    sender.interrupt();
    try {
      sender.join(REQUEST_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
