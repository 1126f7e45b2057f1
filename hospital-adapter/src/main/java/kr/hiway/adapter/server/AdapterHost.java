package kr.hiway.adapter.server;

import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import kr.hiway.adapter.tls.AdapterTls;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * An embedded HTTP server for one or more adapters, each on its own port with its own servlet.
 *
 * <p>A hospital runs one adapter; the demo network runs 47 in one process. They share one Jetty
 * server and one pool of virtual threads, but every adapter has its own connector and is reachable
 * only on its own port, so to a client they are as separate as 47 machines. With {@link
 * Mount#tls()} an adapter speaks only mutual TLS (see {@link AdapterTls}).
 *
 * <p>Thread-safe once started; {@link #close()} stops every adapter.
 */
public final class AdapterHost implements AutoCloseable {

  /**
   * One adapter to serve.
   *
   * @param name a unique name, such as the hospital code
   * @param port the port, or 0 for any free one
   * @param servlet what answers under {@code /fhir}
   * @param tls mutual TLS with the gateway, or null for plain HTTP (tests and benchmarks only)
   */
  public record Mount(String name, int port, HttpServlet servlet, AdapterTls tls) {
    public Mount {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(servlet, "servlet");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range");
      }
    }

    /** Plain HTTP. */
    public Mount(String name, int port, HttpServlet servlet) {
      this(name, port, servlet, null);
    }
  }

  private final Server server;
  private final String host;
  private final Map<String, ServerConnector> connectors;

  private AdapterHost(Server server, String host, Map<String, ServerConnector> connectors) {
    this.server = server;
    this.host = host;
    this.connectors = connectors;
  }

  /** Starts the adapters on {@code host} (for the demo, the loopback {@code 127.0.0.1}). */
  public static AdapterHost start(String host, List<Mount> mounts) throws Exception {
    Objects.requireNonNull(host, "host");
    Server server = new Server(new VirtualThreadPool());
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(false);
    // Over TLS the adapter must know its scheme, or its paging links would say http.
    HttpConfiguration https = new HttpConfiguration(http);
    https.addCustomizer(new SecureRequestCustomizer());
    ContextHandlerCollection contexts = new ContextHandlerCollection();
    Map<String, ServerConnector> connectors = new LinkedHashMap<>();
    for (Mount mount : mounts) {
      if (connectors.containsKey(mount.name())) {
        throw new IllegalArgumentException("two adapters named " + mount.name());
      }
      // No acceptor thread of its own: the selector accepts, which keeps 47 connectors cheap.
      ServerConnector connector =
          mount.tls() == null
              ? new ServerConnector(server, 0, 1, new HttpConnectionFactory(http))
              : new ServerConnector(
                  server,
                  0,
                  1,
                  new SslConnectionFactory(sslFactory(mount.tls()), "http/1.1"),
                  new HttpConnectionFactory(https));
      connector.setName(mount.name());
      connector.setHost(host);
      connector.setPort(mount.port());
      server.addConnector(connector);
      connectors.put(mount.name(), connector);

      ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
      context.setContextPath("/");
      // "@name" binds the context to the connector of that name: one adapter per port.
      context.setVirtualHosts(List.of("@" + mount.name()));
      ServletHolder holder = new ServletHolder(mount.name(), mount.servlet());
      holder.setInitOrder(1);
      context.addServlet(holder, "/fhir/*");
      contexts.addHandler(context);
    }
    server.setHandler(contexts);
    // Stop at once: nothing an adapter serves is worth waiting for on shutdown.
    server.setStopTimeout(0);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    return new AdapterHost(server, host, connectors);
  }

  static SslContextFactory.Server sslFactory(AdapterTls tls) {
    SslContextFactory.Server factory = new SslContextFactory.Server();
    factory.setSslContext(tls.context());
    factory.setNeedClientAuth(true);
    factory.setIncludeProtocols(AdapterTls.PROTOCOLS);
    return factory;
  }

  /**
   * The FHIR base URL of the adapter of that name, such as {@code https://127.0.0.1:41234/fhir}
   * ({@code http} without TLS).
   */
  public URI baseUrl(String name) {
    ServerConnector connector = connectors.get(name);
    if (connector == null) {
      throw new IllegalArgumentException("no adapter named " + name);
    }
    String scheme = connector.getDefaultProtocol().startsWith("SSL") ? "https" : "http";
    return URI.create(scheme + "://" + host + ":" + connector.getLocalPort() + "/fhir");
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
