package kr.hiway.gateway;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

  /** The gateway's one clock, so that tests can set the time decisions and audits see. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
