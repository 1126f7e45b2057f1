package kr.hiway.gateway.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import kr.hiway.gateway.cluster.ClusterEvents;
import kr.hiway.gateway.registry.HospitalRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway CA and the TLS context the gateway calls hospitals with. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PkiProperties.class)
class PkiConfiguration {

  private static final Logger log = LoggerFactory.getLogger(PkiConfiguration.class);
  private static final int SESSION_SECONDS = 300;

  @Bean
  CertificateAuthority certificateAuthority(PkiProperties props)
      throws IOException, GeneralSecurityException {
    if (props.keystore() != null) {
      return CaFiles.fromKeystore(props.keystore(), props.keystorePassword(), props.keyAlias());
    }
    if (props.caCertificate() != null || props.caKey() != null) {
      if (props.caCertificate() == null || props.caKey() == null) {
        throw new IllegalStateException(
            "hiway.pki.ca-certificate and hiway.pki.ca-key go together");
      }
      return CaFiles.fromPem(props.caCertificate(), props.caKey());
    }
    CertificateAuthority ca = CaFiles.demo(props.demoFolder());
    log.info(
        "no hiway.pki key store or PEM configured: using the demo CA in {} ({})",
        props.demoFolder(),
        ca.certificate().getSubjectX500Principal().getName());
    return ca;
  }

  /**
   * The gateway's client identity is issued afresh at every start, with a key that never leaves
   * this process; each instance of a cluster has its own.
   */
  @Bean
  HospitalTls hospitalTls(
      CertificateAuthority ca,
      PkiProperties props,
      HospitalRegistry registry,
      HospitalCertificates certificates,
      ClusterEvents events,
      Clock clock)
      throws GeneralSecurityException, IOException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = g.generateKeyPair();
    X509Certificate cert =
        ca.issueGatewayClient(
            "hiway-gateway", keys.getPublic(), props.gatewayCertificateValidity());
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "gateway", keys.getPrivate(), new char[0], new X509Certificate[] {cert, ca.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
    kmf.init(store, new char[0]);
    SSLContext context = SSLContext.getInstance("TLS");
    RegistryPins pins = new RegistryPins(registry, certificates, clock);
    context.init(
        kmf.getKeyManagers(),
        new TrustManager[] {new HospitalTrust(ca.certificate(), pins)},
        new SecureRandom());
    // Resumed sessions skip the certificate checks: keep them short, so that an expiry or a
    // revocation made on another gateway instance counts within minutes.
    context.getClientSessionContext().setSessionTimeout(SESSION_SECONDS);
    HospitalTls tls = new HospitalTls(context, pins::forget, events);
    pins.onPinDropped(tls::forgetSessions);
    return tls;
  }

  /** The TLS context hospitals are called with, for whoever calls them (the fan-out). */
  @Bean
  SSLContext hospitalSslContext(HospitalTls tls) {
    return tls.context();
  }
}
