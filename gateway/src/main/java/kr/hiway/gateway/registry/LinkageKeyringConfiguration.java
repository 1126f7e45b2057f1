package kr.hiway.gateway.registry;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import kr.hiway.vocabulary.LinkageToken;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LinkageKeyringConfiguration {

  /**
   * Configured keys first, then keys provisioned through the operator API, then extra keys (the
   * demo network's) for hospitals neither names.
   */
  @Bean
  LinkageKeyring linkageKeyring(
      LinkageProperties props,
      ObjectProvider<ExtraLinkageKeys> extra,
      ProvisionedLinkageKeys provisioned,
      HospitalRegistry registry) {
    Map<String, LinkageToken> configured = new HashMap<>();
    props
        .keys()
        .forEach((code, key) ->
            configured.put(code, LinkageToken.withKey(Base64.getDecoder().decode(key))));
    Map<String, LinkageToken> demo = new HashMap<>();
    extra.orderedStream().forEach(e -> e.keys().forEach(demo::putIfAbsent));
    return new Keyring(configured, provisioned, demo, registry);
  }
}
