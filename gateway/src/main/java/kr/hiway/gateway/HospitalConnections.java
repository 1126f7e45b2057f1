package kr.hiway.gateway;

import kr.hiway.gateway.fanout.FanOut;
import kr.hiway.gateway.pki.HospitalTls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Ties the fan-out's kept connections to the hospital trust: a connection was checked at its
 * handshake only, so whenever the PKI forgets its pins and sessions (a certificate issued or
 * revoked, a hospital registered) the fan-out closes every connection it keeps. Wired here, where
 * the application is put together, so that neither package knows the other.
 */
@Configuration(proxyBeanMethods = false)
class HospitalConnections {

  @Bean
  SmartInitializingSingleton hospitalConnectionsFollowTrust(
      ObjectProvider<HospitalTls> tls, ObjectProvider<FanOut> fanOut) {
    return () -> tls.ifAvailable(t -> fanOut.ifAvailable(f -> t.onForget(f::dropConnections)));
  }
}
