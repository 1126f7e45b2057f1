package kr.hiway.gateway.pii;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The at-rest cipher for national identifiers: from {@code hiway.pii.key}, or in the demo from the
 * key it keeps in its data folder. Outside the demo a missing key stops the start.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PiiProperties.class)
class PiiConfiguration {

  @Bean
  NationalIdCipher nationalIdCipher(AtRestKey key) {
    return key.nationalIds();
  }

  @Bean
  AtRestKey atRestKey(PiiProperties props, ObjectProvider<DemoPiiKeys> demo) {
    if (props.key() != null && !props.key().isBlank()) {
      return new AtRestKey(PiiKeys.decode(props.key()));
    }
    DemoPiiKeys demoKeys = demo.getIfAvailable();
    if (demoKeys == null) {
      throw new IllegalStateException(
          "hiway.pii.key is not set: outside the demo the gateway makes no at-rest key of its own"
              + " (base64 of 32 random bytes, the same on every instance, not the pseudonym key)");
    }
    return new AtRestKey(demoKeys.piiKey());
  }
}
