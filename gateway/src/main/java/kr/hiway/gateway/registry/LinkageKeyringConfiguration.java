package kr.hiway.gateway.registry;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import kr.hiway.vocabulary.LinkageToken;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LinkageKeyringConfiguration {

  /** Configured keys first; extra keys (the demo network's) for hospitals not configured. */
  @Bean
  LinkageKeyring linkageKeyring(LinkageProperties props, ObjectProvider<ExtraLinkageKeys> extra) {
    Map<String, LinkageToken> keys = new HashMap<>();
    props
        .keys()
        .forEach(
            (code, key) -> keys.put(code, LinkageToken.withKey(Base64.getDecoder().decode(key))));
    extra.orderedStream().forEach(e -> e.keys().forEach(keys::putIfAbsent));
    Map<String, LinkageToken> frozen = Map.copyOf(keys);
    return code -> Optional.ofNullable(frozen.get(code));
  }
}
