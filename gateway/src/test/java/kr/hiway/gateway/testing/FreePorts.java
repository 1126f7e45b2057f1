package kr.hiway.gateway.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers a test must name before it starts them (a redirect URI, a registry entry).
 *
 * <p>A port taken with {@code new ServerSocket(0)} and closed again is a port of the kernel's
 * ephemeral range, which it hands to the next socket bound to port 0: the demo network's 47
 * adapters, ChromeDriver and outgoing connections all bind so, and one of them took the port before
 * the test's server did. These ports are drawn below that range (Linux's default starts at 32768),
 * where the kernel never hands out a port by itself, and checked free.
 */
public final class FreePorts {

  private static final int LOW = 20_000;
  private static final int HIGH = 32_000;

  private FreePorts() {}

  /** A port that no socket holds now and that no port-0 bind can be given; thread-safe. */
  public static int outsideEphemeralRange() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
      // Bound on every address, as the servers that will take it are.
      try (ServerSocket probe = new ServerSocket(port)) {
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no free port between " + LOW + " and " + HIGH);
  }
}
