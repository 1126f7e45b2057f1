package kr.hiway.gateway.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import kr.hiway.gateway.GatewayApplication;
import kr.hiway.gateway.testing.TestJwks;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole gateway started as a process would start it, without the demo network, on an in-memory
 * database, for tests that watch it from outside (its ports, its shutdown).
 */
final class StartedGateway {

  final SpringApplication application = new SpringApplication(GatewayApplication.class);
  final AtomicInteger port = new AtomicInteger();
  final AtomicInteger managementPort = new AtomicInteger();

  StartedGateway() {
    application.addListeners(
        (ApplicationListener<WebServerInitializedEvent>)
            event -> {
              String namespace = event.getApplicationContext().getServerNamespace();
              int bound = event.getWebServer().getPort();
              ("management".equals(namespace) ? managementPort : port).set(bound);
            });
  }

  ConfigurableApplicationContext run(String name, String... settings) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--hiway.demo.enabled=false",
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:"
                    + name
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "--hiway.pki.demo-folder=target/" + name + "/pki",
                "--hiway.pseudonym.demo-key-file=target/" + name + "/pseudonym.key",
                "--hiway.ledger.demo-key-file=target/" + name + "/ledger.key",
                "--hiway.security.jwks=" + TestJwks.shared()));
    args.addAll(List.of(settings));
    return application.run(args.toArray(String[]::new));
  }

  String base() {
    return "http://localhost:" + port.get();
  }

  String managementBase() {
    return "http://localhost:" + managementPort.get();
  }
}
