package kr.hiway.gateway.startup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;

/**
 * Fails the start at once when the port the gateway is to listen on is taken, instead of after the
 * demo network (47 hospitals, half a minute) has started: the web server binds its port only once
 * every bean exists. It runs when the context is prepared, before any bean, and only for a context
 * that will run a web server (not a test's mock one). Binding and releasing the port on the
 * configured address is what the server will do; a port taken in the instant between is still
 * reported by the server itself.
 */
class PortCheck implements ApplicationListener<ApplicationPreparedEvent> {

  @Override
  public void onApplicationEvent(ApplicationPreparedEvent event) {
    if (!(event.getApplicationContext() instanceof WebServerApplicationContext)) {
      return;
    }
    Binder settings = Binder.get(event.getApplicationContext().getEnvironment());
    int port = settings.bind("server.port", Integer.class).orElse(8080);
    check("server.port", port, settings, "server.address");
    int management = settings.bind("management.server.port", Integer.class).orElse(-1);
    if (management != port) {
      check("management.server.port", management, settings, "management.server.address");
    }
  }

  private static void check(String setting, int port, Binder settings, String addressSetting) {
    if (port <= 0) {
      return; // 0 is any free port; below, no server at all
    }
    String host = settings.bind(addressSetting, String.class).orElse(null);
    InetSocketAddress address;
    try {
      address =
          host == null
              ? new InetSocketAddress(port)
              : new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new BadSettingException(
          addressSetting,
          "names " + host + ", which is not an address of this machine",
          "Set " + addressSetting + " to an address of this machine, or leave it unset for all.");
    }
    try (ServerSocket socket = new ServerSocket()) {
      // As the web server binds it: a port in TIME_WAIT is free, one with a listener is not.
      socket.setReuseAddress(true);
      socket.bind(address);
    } catch (IOException e) {
      String where = host == null ? "any address" : host;
      throw new BadSettingException(
          setting,
          "port " + port + " on " + where + " cannot be used: " + reason(e),
          "Stop the process that listens on port "
              + port
              + " (for example: ss -ltnp 'sport = :"
              + port
              + "'), or set "
              + setting
              + " to a free port.");
    }
  }

  private static String reason(IOException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("in use")) {
      return "another process is already listening on it";
    }
    if (message.contains("ermission")) {
      return "this user may not listen on it (ports below 1024 need privileges)";
    }
    return message;
  }
}
