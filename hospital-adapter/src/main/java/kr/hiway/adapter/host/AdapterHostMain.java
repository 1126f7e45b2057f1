package kr.hiway.adapter.host;

import ca.uhn.fhir.context.FhirContext;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import kr.hiway.adapter.server.AdapterHost;
import kr.hiway.adapter.server.AdapterServlet;
import kr.hiway.adapter.server.Latency;
import kr.hiway.adapter.source.HospitalSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter as a program: serves a hospital's {@link HospitalSource} over mutual TLS, configured
 * by a properties file alone.
 *
 * <pre>
 * java -cp hospital-adapter-VERSION-host.jar:my-source.jar \
 *     kr.hiway.adapter.host.AdapterHostMain --config adapter.properties
 * </pre>
 *
 * <p>Exit status 2 for a bad configuration, with one line on standard error naming the setting; 1
 * when the source or the server cannot start. Otherwise it serves until stopped.
 */
public final class AdapterHostMain {

  private static final Logger log = LoggerFactory.getLogger(AdapterHostMain.class);

  static final String USAGE = "usage: AdapterHostMain --config adapter.properties";

  private AdapterHostMain() {}

  public static void main(String[] args) throws InterruptedException {
    Started started =
        start(args, System::getenv, AdapterHostMain.class.getClassLoader(), System.err);
    if (started.exitStatus() != 0) {
      System.exit(started.exitStatus());
      return;
    }
    AdapterHost host = started.host();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(host)));
    new CountDownLatch(1).await();
  }

  /**
   * What {@link #start} did: a running host, or the exit status of a failure already reported.
   *
   * @param host the running host, null on a failure
   * @param baseUrl where it answers, null on a failure
   */
  record Started(int exitStatus, AdapterHost host, URI baseUrl) {}

  /**
   * Reads the configuration, makes the source and starts serving it. Problems are reported on
   * {@code err} in one line and give a non-zero status; nothing is thrown.
   */
  static Started start(
      String[] args, Function<String, String> env, ClassLoader loader, PrintStream err) {
    if (args.length != 2 || !args[0].equals("--config")) {
      err.println(USAGE);
      return new Started(2, null, null);
    }
    Path file = Path.of(args[1]);
    HostConfig config;
    SourceFactory factory;
    try {
      config = HostConfig.read(file, env);
      factory = factory(config, loader);
    } catch (BadSetting e) {
      err.println(file.getFileName() + ": " + e.getMessage());
      return new Started(2, null, null);
    }
    HospitalSource source;
    try {
      source =
          factory.create(
              new SourceSettings(
                  config.hospitalCode(), config.linkage(), config.sourceProperties()));
    } catch (Exception e) {
      err.println(factory.getClass().getName() + " could not make the source: " + e);
      return new Started(1, null, null);
    }
    AdapterServlet servlet =
        new AdapterServlet(FhirContext.forR4Cached(), config.hospitalCode(), source, Latency.NONE);
    AdapterHost host;
    try {
      host =
          AdapterHost.start(
              config.address(),
              List.of(
                  new AdapterHost.Mount(
                      config.hospitalCode(), config.port(), servlet, config.tls().orElse(null))));
    } catch (Exception e) {
      err.println(
          "cannot serve on " + config.address() + ":" + config.port() + ": " + e.getMessage());
      return new Started(1, null, null);
    }
    URI base = host.baseUrl(config.hospitalCode());
    log.info(
        "adapter {} serving {} at {} ({})",
        config.hospitalCode(),
        factory.getClass().getName(),
        base,
        config.tls().isPresent()
            ? "mutual TLS, gateway clients only"
            : "plain HTTP on loopback, for the conformance kit");
    return new Started(0, host, base);
  }

  /** The factory named by {@code source.factory}, or the one the class path provides. */
  static SourceFactory factory(HostConfig config, ClassLoader loader) throws BadSetting {
    if (config.sourceFactory().isPresent()) {
      String name = config.sourceFactory().get();
      try {
        Class<?> type = Class.forName(name, true, loader);
        if (!SourceFactory.class.isAssignableFrom(type)) {
          throw new BadSetting("source.factory", name + " does not implement SourceFactory");
        }
        return (SourceFactory) type.getConstructor().newInstance();
      } catch (ClassNotFoundException e) {
        throw new BadSetting("source.factory", "no class " + name + " on the class path");
      } catch (NoSuchMethodException
          | InstantiationException
          | IllegalAccessException
          | InvocationTargetException e) {
        throw new BadSetting(
            "source.factory", name + " has no public no-argument constructor that works: " + e);
      }
    }
    List<SourceFactory> found =
        ServiceLoader.load(SourceFactory.class, loader).stream()
            .map(ServiceLoader.Provider::get)
            .toList();
    if (found.size() != 1) {
      throw new BadSetting(
          "source.factory",
          found.isEmpty()
              ? "not set, and no SourceFactory on the class path (META-INF/services)"
              : "not set, and several SourceFactory classes on the class path: "
                  + found.stream().map(f -> f.getClass().getName()).toList());
    }
    return found.get(0);
  }

  private static void stop(AdapterHost host) {
    try {
      host.close();
    } catch (Exception e) {
      // shutting down anyway
    }
  }
}
