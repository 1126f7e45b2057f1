package kr.hiway.demo.network;

import ca.uhn.fhir.context.FhirContext;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.CountDownLatch;
import kr.hiway.adapter.server.Latency;

/**
 * Runs the demo network on its own, without a gateway, and says where each hospital listens, how
 * long the start took and how much heap the network holds.
 *
 * <pre>
 * java ... kr.hiway.demo.network.DemoNetworkMain [persons] [latencyMs] [jitterMs] [basePort]
 * </pre>
 */
public final class DemoNetworkMain {

  private DemoNetworkMain() {}

  public static void main(String[] args) throws Exception {
    DemoNetwork.Settings defaults = DemoNetwork.Settings.defaults();
    int persons = args.length > 0 ? Integer.parseInt(args[0]) : defaults.persons();
    long latency = args.length > 1 ? Long.parseLong(args[1]) : 0;
    long jitter = args.length > 2 ? Long.parseLong(args[2]) : 0;
    int basePort = args.length > 3 ? Integer.parseInt(args[3]) : 0;
    DemoNetwork.Settings settings =
        new DemoNetwork.Settings(
            defaults.seed(), persons, Latency.of(latency, jitter), defaults.host(), basePort);

    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    FhirContext fhir = FhirContext.forR4Cached();
    System.gc();
    long heapBefore = memory.getHeapMemoryUsage().getUsed();
    long start = System.nanoTime();
    DemoNetwork network = DemoNetwork.start(fhir, settings);
    long startedMs = (System.nanoTime() - start) / 1_000_000;
    System.gc();
    long heapAfter = memory.getHeapMemoryUsage().getUsed();

    for (DemoNetwork.Node node : network.nodes()) {
      System.out.printf(
          "%-22s %-40s %s%n", node.hospital().code(), node.hospital().nameEn(), node.baseUrl());
    }
    System.out.printf(
        "demo network: %d hospitals, %d persons, started in %d ms, holding %.1f MiB of heap"
            + " (FHIR context excluded)%n",
        network.nodes().size(),
        network.population().size(),
        startedMs,
        (heapAfter - heapBefore) / (1024.0 * 1024.0));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(network)));
    new CountDownLatch(1).await();
  }

  private static void closeQuietly(DemoNetwork network) {
    try {
      network.close();
    } catch (Exception e) {
      // shutting down anyway
    }
  }
}
