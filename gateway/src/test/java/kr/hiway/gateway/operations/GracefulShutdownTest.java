package kr.hiway.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;

/**
 * Shutdown as a load balancer sees it, with management on the main port as the demo and the
 * one-machine cluster run it: readiness turns 503 first, requests still arriving during the drain
 * are served, and a request in flight finishes even after the server stopped taking connections.
 */
class GracefulShutdownTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void closeWhenRequestInFlightThenReadinessRefusesWhileRequestsAreStillServed() throws Exception {
    HeldRequest held = new HeldRequest();
    StartedGateway gateway = new StartedGateway();
    gateway.application.addInitializers(context ->
        ((GenericApplicationContext) context)
            .registerBean("heldRequest", FilterRegistrationBean.class, held::registration));
    ConfigurableApplicationContext context = gateway.run("shutdown", "--hiway.lifecycle.drain=3s");
    String base = gateway.base();

    HttpResponse<String> ready = get(base + "/actuator/health/readiness");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("\"UP\"");
    assertThat(get(base + "/actuator/health/liveness").statusCode()).isEqualTo(200);

    CompletableFuture<HttpResponse<String>> inFlight =
        http.sendAsync(
            HttpRequest.newBuilder(URI.create(base + "/held")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(held.entered.await(10, TimeUnit.SECONDS)).isTrue();
    Thread closing = Thread.ofPlatform().name("closing").start(context::close);

    // The drain: readiness refuses, everything else is still served.
    HttpResponse<String> refusing = awaitReadiness(base, 503);
    assertThat(refusing.body()).contains("OUT_OF_SERVICE");
    assertThat(get(base + "/fhir/metadata").statusCode()).isEqualTo(200);
    assertThat(inFlight).isNotDone();

    // Then graceful shutdown: no new connection is taken, and the one in flight still finishes.
    awaitRefusedConnection(base);
    assertThat(inFlight).isNotDone();
    held.release.countDown();
    HttpResponse<String> finished = inFlight.get(10, TimeUnit.SECONDS);
    assertThat(finished.statusCode()).isEqualTo(200);
    assertThat(finished.body()).isEqualTo("done");

    closing.join(Duration.ofSeconds(30));
    assertThat(closing.isAlive()).isFalse();
    assertThat(context.isActive()).isFalse();
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> awaitReadiness(String base, int status) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    HttpResponse<String> answer = get(base + "/actuator/health/readiness");
    while (answer.statusCode() != status && System.nanoTime() < deadline) {
      Thread.sleep(20);
      answer = get(base + "/actuator/health/readiness");
    }
    assertThat(answer.statusCode()).isEqualTo(status);
    return answer;
  }

  /** Asks on fresh connections until one is refused (the drain is 3 s). */
  private static void awaitRefusedConnection(String base) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (HttpClient fresh = HttpClient.newHttpClient()) {
        fresh.send(
            HttpRequest.newBuilder(URI.create(base + "/actuator/health/liveness")).build(),
            HttpResponse.BodyHandlers.discarding());
      } catch (ConnectException refused) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the server still took new connections 10 s after shutdown began");
  }

  /** Holds {@code GET /held} until released, in front of every other filter. */
  static final class HeldRequest implements Filter {

    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    FilterRegistrationBean<HeldRequest> registration() {
      FilterRegistrationBean<HeldRequest> registration = new FilterRegistrationBean<>(this);
      registration.addUrlPatterns("/held");
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
      return registration;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException {
      entered.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      response.setContentType("text/plain");
      response.getWriter().write("done");
    }
  }
}
