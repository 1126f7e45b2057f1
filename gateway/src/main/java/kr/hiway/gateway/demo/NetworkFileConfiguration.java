package kr.hiway.gateway.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.hiway.demo.simulator.SyntheticPopulation;
import kr.hiway.gateway.registry.ExtraLinkageKeys;
import kr.hiway.vocabulary.LinkageToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The demo with its network running as a process of its own ({@link NetworkMain}), as in a cluster
 * of gateway instances that all call the same hospitals: {@code hiway.demo.network-file} names the
 * file the network wrote. This instance registers each hospital and records its certificate (a
 * no-op when another instance did already) and takes the hospitals' linkage keys.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "hiway.demo.enabled", matchIfMissing = true)
@ConditionalOnProperty("hiway.demo.network-file")
class NetworkFileConfiguration {

  private static final Logger log = LoggerFactory.getLogger(NetworkFileConfiguration.class);

  @Bean
  NetworkFile demoNetworkFile(DemoProperties props, DemoHospitals hospitals) throws IOException {
    Path file = props.networkFile();
    NetworkFile network;
    try {
      network = NetworkFile.read(file);
    } catch (NoSuchFileException e) {
      throw new IllegalStateException(
          "hiway.demo.network-file: no file "
              + file.toAbsolutePath()
              + "; start the demo network (kr.hiway.gateway.demo.NetworkMain) first",
          e);
    }
    for (NetworkFile.Entry e : network.hospitals()) {
      hospitals.register(e.hospital(), e.baseUrl(), e.x509());
    }
    log.info(
        "demo network from {} (written {}): {} hospitals, {} persons",
        file,
        Files.getLastModifiedTime(file),
        network.hospitals().size(),
        network.persons());
    return network;
  }

  /** Each hospital's linkage key, for the gateway's keyring. */
  @Bean
  ExtraLinkageKeys demoLinkageKeys(NetworkFile network) {
    Map<String, LinkageToken> keys = new LinkedHashMap<>();
    network.hospitals().forEach(e -> keys.put(e.code(), e.linkage()));
    return () -> keys;
  }

  /**
   * The network's persons, made again from the same seed, size and hospitals (the population is
   * deterministic): the demo accounts belong to some of them.
   */
  @Bean
  SyntheticPopulation demoPopulation(NetworkFile network) {
    return SyntheticPopulation.generate(network.seed(), network.persons(), network.hospitalList());
  }
}
