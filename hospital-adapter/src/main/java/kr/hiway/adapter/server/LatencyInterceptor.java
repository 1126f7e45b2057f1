package kr.hiway.adapter.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.concurrent.TimeUnit;

/** Holds each request for the configured latency before it is answered. */
final class LatencyInterceptor {

  private final Latency latency;

  LatencyInterceptor(Latency latency) {
    this.latency = latency;
  }

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
  public void delay() throws InterruptedException {
    // Requests run on virtual threads, so a sleeping request holds no platform thread.
    TimeUnit.NANOSECONDS.sleep(latency.drawNanos());
  }
}
