package kr.hiway.gateway.operations;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The drain before graceful shutdown (see {@link Drain}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LifecycleProperties.class)
class LifecycleConfiguration {

  @Bean
  Drain drain(
      LifecycleProperties props,
      @Value("${hiway.demo.enabled:true}") boolean demo,
      ApplicationEventPublisher events) {
    return new Drain(props.drainOr(demo), events);
  }
}
