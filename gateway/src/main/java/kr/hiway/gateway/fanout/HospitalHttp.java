package kr.hiway.gateway.fanout;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * GET to the hospitals over one pool of keep-alive HTTP/1.1 connections, bounded in time as a
 * whole: headers and body must both be in by the deadline. A read timeout alone would not do, as a
 * hospital could drip its body a byte at a time forever; a watchdog aborts the exchange (closing
 * its connection) when the deadline passes.
 *
 * <p>Apache HttpClient's classic, blocking client: on a virtual thread a blocking read costs one
 * system call and no hand-over between threads, where an asynchronous client passes every exchange
 * through a selector thread and a chain of futures (about a quarter of the gateway's CPU on a
 * single-hospital read when this used the JDK's client).
 *
 * <p>Thread-safe.
 */
final class HospitalHttp implements AutoCloseable {

  /** A final answer: the status, the content type if any, and the body (empty unless 200). */
  record Answer(int status, Optional<String> contentType, byte[] body) {}

  /** The body was larger than the limit. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super("response body too large", null);
    }
  }

  private static final byte[] NOTHING = new byte[0];

  private final SSLContext tls;
  private final Timeout connectTimeout;
  private volatile CloseableHttpClient client;
  private final ScheduledExecutorService watchdog;
  private final long maxResponseBytes;

  /**
   * The fan-out bounds exchanges per hospital; the pool bounds connections per host and port, which
   * hospitals hosted together share, so it allows several hospitals' worth.
   */
  private static final int MAX_PER_ROUTE = 256;

  HospitalHttp(SSLContext tls, FanOutSettings settings) {
    this.tls = tls;
    this.maxResponseBytes = settings.maxResponseBytes();
    this.connectTimeout = Timeout.of(settings.connectTimeout());
    this.client = newClient();
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name("hospital-http-watchdog").daemon().factory());
    timer.setRemoveOnCancelPolicy(true);
    this.watchdog = timer;
  }

  /** A client with a pool of its own. */
  private CloseableHttpClient newClient() {
    PoolingHttpClientConnectionManager pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            // Host names are verified as well as the pins of the trust manager.
            .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls))
            // A lock per route (a hospital), not one for the whole pool: a fan-out leases and
            // releases 47 connections at once. The caps are far above what the fan-out bounds.
            .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
            .setMaxConnPerRoute(MAX_PER_ROUTE)
            .setMaxConnTotal(100_000)
            .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(connectTimeout)
                    // A connection idle this long is checked before it is used again.
                    .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                    .setTimeToLive(TimeValue.ofMinutes(5))
                    .build())
            .build();
    return HttpClients.custom()
        .setConnectionManager(pool)
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAuthCaching()
        // The gateway has one identity. With connection state on, a connection that presented
        // the client certificate is kept for "that user" and never reused: a new mutual-TLS
        // handshake and a new pooled connection for every exchange.
        .disableConnectionState()
        .disableContentCompression()
        .setRetryStrategy(new ResetRetry())
        .evictIdleConnections(TimeValue.ofSeconds(30))
        .build();
  }

  /**
   * Closes every kept connection: idle ones now, one in use when its exchange ends. Later exchanges
   * get a fresh pool, so each makes a full handshake.
   */
  synchronized void dropConnections() {
    CloseableHttpClient old = client;
    client = newClient();
    old.close(CloseMode.GRACEFUL);
  }

  Answer get(URI uri, Deadline deadline) throws HospitalFailure, InterruptedException {
    long remaining = deadline.remainingNanos();
    if (remaining <= 0) {
      throw deadline.expired();
    }
    HttpGet request = new HttpGet(uri);
    request.setHeader("Accept", "application/fhir+json");
    Timeout left = Timeout.of(remaining, TimeUnit.NANOSECONDS);
    request.setConfig(
        RequestConfig.custom().setConnectionRequestTimeout(left).setResponseTimeout(left).build());
    ScheduledFuture<?> abort = watchdog.schedule(request::cancel, remaining, TimeUnit.NANOSECONDS);
    ClassicHttpResponse response = null;
    try {
      response = execute(request);
      int status = response.getCode();
      Header type = response.getFirstHeader("Content-Type");
      Optional<String> contentType = Optional.ofNullable(type).map(Header::getValue);
      if (status != 200) {
        // Only a 200 body is ever used; for anything else the status says enough, and the
        // connection goes rather than waiting for a body nobody reads.
        discard(request, response);
        return new Answer(status, contentType, NOTHING);
      }
      byte[] body = read(response.getEntity());
      response.close(); // the whole body is read: the connection goes back to the pool
      return new Answer(status, contentType, body);
    } catch (IOException e) {
      discard(request, response);
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("hospital call interrupted");
      }
      throw classify(e, deadline);
    } finally {
      abort.cancel(false);
    }
  }

  private ClassicHttpResponse execute(HttpGet request) throws IOException {
    CloseableHttpClient used = client;
    try {
      return used.executeOpen(null, request, null);
    } catch (IllegalStateException e) {
      if (used == client) {
        throw e;
      }
      // Its pool was shut down by dropConnections() just as the exchange began: the new one.
      return client.executeOpen(null, request, null);
    }
  }

  /** Aborts the exchange and closes its connection, whatever state it is in. */
  private static void discard(HttpGet request, ClassicHttpResponse response) {
    request.cancel();
    if (response != null) {
      try {
        response.close();
      } catch (IOException | RuntimeException ignored) {
        // aborted on purpose: the connection is gone either way
      }
    }
  }

  private byte[] read(HttpEntity entity) throws IOException {
    if (entity == null) {
      return NOTHING;
    }
    long length = entity.getContentLength();
    if (length > maxResponseBytes) {
      throw new TooLarge();
    }
    // Not closed here: closing would read whatever is left, and a body too large is not read.
    InputStream in = entity.getContent();
    if (length >= 0) {
      // Its length told: read into an array of that size (a read past it would be refused).
      byte[] body = new byte[(int) length];
      if (in.readNBytes(body, 0, body.length) < body.length) {
        throw new EOFException("body shorter than its Content-Length");
      }
      return body;
    }
    byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxResponseBytes + 1));
    if (body.length > maxResponseBytes) {
      throw new TooLarge();
    }
    return body;
  }

  /** Maps what the client threw to a failure; its message is never passed on. */
  private HospitalFailure classify(IOException thrown, Deadline deadline) {
    if (thrown instanceof TooLarge) {
      return new HospitalFailure(
          Failure.INVALID_RESPONSE, "response larger than " + maxResponseBytes + " bytes");
    }
    if (deadline.remainingNanos() <= 0) {
      return deadline.expired(); // aborted by the watchdog, or a read that timed out with it
    }
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof ConnectTimeoutException) {
        return new HospitalFailure(Failure.UNAVAILABLE, "could not connect in time");
      }
      if (t instanceof InterruptedIOException) { // a read timeout, or the watchdog's abort
        return deadline.expired();
      }
      if (t instanceof ConnectException) {
        return new HospitalFailure(Failure.UNAVAILABLE, "connection refused");
      }
      if (t instanceof ProtocolException
          || t instanceof org.apache.hc.core5.http.MalformedChunkCodingException
          || t instanceof org.apache.hc.core5.http.TruncatedChunkException) {
        return new HospitalFailure(Failure.INVALID_RESPONSE, "response was not valid HTTP");
      }
    }
    return new HospitalFailure(Failure.UNAVAILABLE, "connection failed");
  }

  @Override
  public synchronized void close() {
    watchdog.shutdownNow();
    client.close(CloseMode.IMMEDIATE);
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

  /**
   * Asks again, on a new connection, when the hospital reset the connection or closed it without an
   * answer: up to {@link #RETRIES} times, after a jittered pause (20–60 ms, then 40–120 ms), as a
   * kept-alive connection may be closed by the hospital whenever it likes and a busy one may drop a
   * connection. Every exchange is a GET, so asking again changes nothing at the hospital. Never
   * after a timeout (a slow hospital asked twice is slower still), a refused connection, an invalid
   * answer or any status: those are the breaker's and the deadline's. The watchdog still ends the
   * exchange at its deadline, pauses included.
   */
  static final class ResetRetry implements HttpRequestRetryStrategy {

    static final int RETRIES = 2;

    @Override
    public boolean retryRequest(
        HttpRequest request, IOException exception, int execCount, HttpContext context) {
      return execCount <= RETRIES && isReset(exception);
    }

    static boolean isReset(IOException e) {
      if (e instanceof NoHttpResponseException) {
        return true; // closed without an answer
      }
      return e instanceof java.net.SocketException
          && !(e instanceof ConnectException)
          && !(e instanceof java.net.NoRouteToHostException)
          && !(e instanceof java.net.PortUnreachableException);
    }

    @Override
    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
      return false;
    }

    @Override
    public TimeValue getRetryInterval(
        HttpRequest request, IOException exception, int execCount, HttpContext context) {
      long base = 20L << (execCount - 1);
      return TimeValue.ofMilliseconds(
          base + java.util.concurrent.ThreadLocalRandom.current().nextLong(2 * base + 1));
    }

    @Override
    public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
      return TimeValue.ZERO_MILLISECONDS;
    }
  }
}
