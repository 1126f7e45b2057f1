package kr.hiway.gateway.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall, with its character checks written as loops. The defaults test
 * every header name and value, and every parameter, against a regular expression each time a header
 * is read (HAPI reads them all for every request), which was a tenth of the gateway's CPU on a
 * Patient read. The rules are the same: a name or parameter must hold only assigned, non-control
 * characters; a header value may also hold tabs.
 */
@Configuration(proxyBeanMethods = false)
class FirewallConfiguration {

  @Bean
  HttpFirewall httpFirewall() {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    firewall.setAllowedHeaderNames(FirewallConfiguration::assignedNotControl);
    firewall.setAllowedHeaderValues(FirewallConfiguration::headerValue);
    firewall.setAllowedParameterNames(FirewallConfiguration::assignedNotControl);
    firewall.setAllowedParameterValues(FirewallConfiguration::assignedNotControl);
    return firewall;
  }

  /** As {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}. */
  static boolean assignedNotControl(String s) {
    return allowed(s, false);
  }

  /** As {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}. */
  static boolean headerValue(String s) {
    return allowed(s, true);
  }

  private static boolean allowed(String s, boolean tab) {
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      if (c >= 0x20 && c < 0x7f) {
        i++; // printable ASCII: the usual case, decided at once
        continue;
      }
      if (!Character.isDefined(c) || (Character.isISOControl(c) && !(tab && c == '\t'))) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }
}
