package kr.hiway.gateway.demo;

import ca.uhn.fhir.context.FhirContext;
import kr.hiway.adapter.network.DemoNetwork;
import kr.hiway.adapter.server.Latency;
import kr.hiway.gateway.registry.HospitalRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the 47-hospital demo network in this process and registers each adapter's address. The
 * gateway still reaches every hospital over HTTP, exactly as it would reach real ones.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "hiway.demo.enabled", matchIfMissing = true)
class DemoNetworkConfiguration {

  private static final Logger log = LoggerFactory.getLogger(DemoNetworkConfiguration.class);

  @Bean(destroyMethod = "close")
  DemoNetwork demoNetwork(FhirContext fhir, DemoProperties props, HospitalRegistry registry)
      throws Exception {
    DemoNetwork.Settings settings =
        new DemoNetwork.Settings(
            props.seed(),
            props.persons(),
            new Latency(props.latency(), props.jitter()),
            "127.0.0.1",
            props.basePort());
    long start = System.nanoTime();
    DemoNetwork network = DemoNetwork.start(fhir, settings);
    for (DemoNetwork.Node node : network.nodes()) {
      registry.register(node.hospital(), node.baseUrl());
      log.info(
          "hospital {} ({}) listens at {}",
          node.hospital().code(),
          node.hospital().nameEn(),
          node.baseUrl());
    }
    network.warmUp();
    log.info(
        "demo network: {} hospitals, {} persons, started and warmed up in {} ms",
        network.nodes().size(),
        network.population().size(),
        (System.nanoTime() - start) / 1_000_000);
    return network;
  }
}
