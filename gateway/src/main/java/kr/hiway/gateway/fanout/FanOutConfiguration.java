package kr.hiway.gateway.fanout;

import ca.uhn.fhir.context.FhirContext;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FanOutProperties.class)
class FanOutConfiguration {

  /**
   * One per process: it owns the shared HTTP client, the linkage cache and the circuit breakers,
   * all of which only work if shared.
   */
  @Bean(destroyMethod = "close")
  FanOut fanOut(FhirContext fhir, FanOutProperties properties, ObjectProvider<SSLContext> tls)
      throws GeneralSecurityException {
    // Without the gateway's TLS context for hospitals (a context without the PKI), trust nothing
    // over https.
    SSLContext context = tls.getIfAvailable();
    return new FanOut(fhir, properties.toSettings(), context != null ? context : trustNothing());
  }

  private static SSLContext trustNothing() throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new RefuseAll()}, null);
    return context;
  }

  private static final class RefuseAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("no hospital TLS is configured");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("no hospital TLS is configured");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
