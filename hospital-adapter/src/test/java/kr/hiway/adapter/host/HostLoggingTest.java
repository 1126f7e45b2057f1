package kr.hiway.adapter.host;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * The logging configuration shipped in the host jar logs at INFO: the adapter once logged at DEBUG
 * by default, megabytes in minutes.
 */
class HostLoggingTest {

  @Test
  void logbackXmlWhenLoadedThenInfoAndNoDebugAnywhere() throws Exception {
    URL config = getClass().getResource("/logback.xml");
    assertThat(config).isNotNull();
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(config);

    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger("ca.uhn.fhir.rest.server").isDebugEnabled()).isFalse();
    assertThat(context.getLogger("org.eclipse.jetty").isDebugEnabled()).isFalse();
    assertThat(context.getLogger("kr.hiway.adapter").isInfoEnabled()).isTrue();
    context.stop();
  }
}
