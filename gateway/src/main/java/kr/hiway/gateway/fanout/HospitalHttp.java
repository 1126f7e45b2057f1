package kr.hiway.gateway.fanout;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GET over the one shared HTTP client, bounded in time as a whole: headers and body must both be in
 * by the deadline. A request timeout alone would not do, because it stops counting once the headers
 * arrive and a hospital could then drip its body forever.
 *
 * <p>Thread-safe.
 */
final class HospitalHttp {

  /** A final answer: the status, the content type if any, and the body (empty unless 200). */
  record Answer(int status, Optional<String> contentType, byte[] body) {}

  private final HttpClient client;
  private final long maxResponseBytes;

  HospitalHttp(HttpClient client, long maxResponseBytes) {
    this.client = client;
    this.maxResponseBytes = maxResponseBytes;
  }

  Answer get(URI uri, Deadline deadline) throws HospitalFailure, InterruptedException {
    long remaining = deadline.remainingNanos();
    if (remaining <= 0) {
      throw deadline.expired();
    }
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .GET()
            .header("Accept", "application/fhir+json")
            .timeout(Duration.ofNanos(remaining))
            .build();
    CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, this::body);
    try {
      HttpResponse<byte[]> response = future.get(remaining, TimeUnit.NANOSECONDS);
      return new Answer(
          response.statusCode(), response.headers().firstValue("Content-Type"), response.body());
    } catch (TimeoutException e) {
      // Cancelling aborts the exchange and closes its connection (JDK 16+).
      future.cancel(true);
      throw deadline.expired();
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      throw classify(e.getCause(), deadline);
    }
  }

  private BodySubscriber<byte[]> body(HttpResponse.ResponseInfo info) {
    // Only a 200 body is ever used; for anything else the status says enough.
    return info.statusCode() == 200 ? new BoundedBody(maxResponseBytes) : BoundedBody.ignoring();
  }

  /** Maps what the JDK threw to a failure; its message is never passed on. */
  private HospitalFailure classify(Throwable thrown, Deadline deadline) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof BoundedBody.TooLarge) {
        return new HospitalFailure(
            Failure.INVALID_RESPONSE, "response larger than " + maxResponseBytes + " bytes");
      }
      if (t instanceof HttpConnectTimeoutException) {
        return new HospitalFailure(Failure.UNAVAILABLE, "could not connect in time");
      }
      if (t instanceof HttpTimeoutException) {
        return deadline.expired();
      }
      if (t instanceof ConnectException) {
        return new HospitalFailure(Failure.UNAVAILABLE, "connection refused");
      }
      if (t instanceof ProtocolException) {
        return new HospitalFailure(Failure.INVALID_RESPONSE, "response was not valid HTTP");
      }
    }
    if (thrown instanceof IOException) {
      return new HospitalFailure(Failure.UNAVAILABLE, "connection failed");
    }
    return new HospitalFailure(Failure.UNAVAILABLE, "request failed");
  }

  /** Whether a Content-Type is FHIR JSON or plain JSON, whatever its parameters. */
  static boolean isJson(Optional<String> contentType) {
    if (contentType.isEmpty()) {
      return false;
    }
    String type = contentType.get();
    int semicolon = type.indexOf(';');
    String media = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
    media = media.toLowerCase(Locale.ROOT);
    return media.equals("application/fhir+json") || media.equals("application/json");
  }
}
