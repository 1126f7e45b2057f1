package kr.hiway.gateway.demo;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpClient;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.hiway.adapter.server.Latency;
import kr.hiway.demo.network.DemoNetwork;
import kr.hiway.demo.network.HospitalDirectory;
import kr.hiway.demo.simulator.SyntheticPopulation;
import kr.hiway.gateway.pki.HospitalTls;
import kr.hiway.gateway.registry.ExtraLinkageKeys;
import kr.hiway.vocabulary.LinkageToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the 47-hospital demo network in this process and registers each adapter's address. The
 * gateway still reaches every hospital over HTTP, exactly as it would reach real ones: by default
 * over mutual TLS, each adapter with a certificate the gateway CA issued at this start from a CSR,
 * through the same checks an operator's CSR passes. (The demo makes each hospital's key itself; a
 * real hospital keeps its own and sends only the CSR.) With {@code hiway.demo.network-file} the
 * network runs apart instead ({@link NetworkFileConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "hiway.demo.enabled", matchIfMissing = true)
@Conditional(DemoNetworkConfiguration.NoNetworkFile.class)
class DemoNetworkConfiguration {

  /** Matches unless {@code hiway.demo.network-file} names a network run apart. */
  static final class NoNetworkFile extends NoneNestedConditions {

    NoNetworkFile() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnProperty("hiway.demo.network-file")
    static final class NetworkFileGiven {}
  }

  private static final Logger log = LoggerFactory.getLogger(DemoNetworkConfiguration.class);

  @Bean(destroyMethod = "close")
  DemoNetwork demoNetwork(
      FhirContext fhir,
      DemoProperties props,
      DemoHospitals hospitals,
      DemoCertificates certificates,
      HospitalTls tls)
      throws Exception {
    DemoNetwork.Settings settings =
        new DemoNetwork.Settings(
            props.seed(),
            props.persons(),
            new Latency(props.latency(), props.jitter()),
            DemoCertificates.HOST,
            props.basePort());
    long start = System.nanoTime();
    Map<String, X509Certificate> issued = new LinkedHashMap<>();
    DemoNetwork network =
        DemoNetwork.start(
            fhir,
            settings,
            HospitalDirectory.tertiaryHospitals(),
            hospital -> {
              if (!props.tls()) {
                return null;
              }
              DemoCertificates.Issued i = certificates.issue(hospital.code());
              issued.put(hospital.code(), i.certificate());
              return i.tls();
            });
    for (DemoNetwork.Node node : network.nodes()) {
      hospitals.register(node.hospital(), node.baseUrl(), issued.get(node.hospital().code()));
      log.info(
          "hospital {} ({}) listens at {}",
          node.hospital().code(),
          node.hospital().nameEn(),
          node.baseUrl());
    }
    try (HttpClient client = HttpClient.newBuilder().sslContext(tls.context()).build()) {
      network.warmUp(client);
    }
    log.info(
        "demo network: {} hospitals over {}, {} persons, started and warmed up in {} ms",
        network.nodes().size(),
        props.tls() ? "mutual TLS" : "plain HTTP",
        network.population().size(),
        (System.nanoTime() - start) / 1_000_000);
    return network;
  }

  /** Each simulated hospital's linkage key, for the gateway's keyring. */
  @Bean
  ExtraLinkageKeys demoLinkageKeys(DemoNetwork network) {
    Map<String, LinkageToken> keys = new LinkedHashMap<>();
    network.nodes().forEach(n -> keys.put(n.hospital().code(), n.linkage()));
    return () -> keys;
  }

  /** The network's persons, whom the demo accounts belong to. */
  @Bean
  SyntheticPopulation demoPopulation(DemoNetwork network) {
    return network.population();
  }
}
