package kr.hiway.gateway.ledger;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import kr.hiway.consent.ledger.CheckpointSigner;
import kr.hiway.consent.ledger.Checkpointer;
import kr.hiway.consent.ledger.CosignatureVerifier;
import kr.hiway.consent.ledger.JdbcLedgerStore;
import kr.hiway.consent.ledger.Ledger;
import kr.hiway.gateway.audit.AuditTrail;
import kr.hiway.gateway.security.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The consent ledger on the gateway's database, its checkpoint signer and the thread that signs
 * checkpoints and enters expiries on a schedule.
 */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(LedgerConfiguration.class);

  @Bean
  Ledger ledger(DataSource dataSource, LedgerIntegrity integrity) {
    return new Ledger(new GuardedLedgerStore(new JdbcLedgerStore(dataSource), integrity));
  }

  @Bean
  CheckpointSigner checkpointSigner(LedgerProperties props, SecurityProperties security)
      throws IOException {
    if (props.signingKey() != null && !props.signingKey().isBlank()) {
      return CheckpointSigner.parse(props.signingKey().strip());
    }
    Path file = props.demoKeyFile();
    if (Files.exists(file)) {
      return CheckpointSigner.parse(Files.readString(file).strip());
    }
    CheckpointSigner generated = CheckpointSigner.generate(origin(props, security));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, generated.privateKey() + "\n");
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system; the folder's own protection applies
    }
    log.info(
        "no hiway.ledger.signing-key configured: generated a demo key in {}; verifier key {}",
        file,
        generated.verifierKey());
    return generated;
  }

  @Bean
  Checkpointer checkpointer(
      Ledger ledger,
      CheckpointSigner signer,
      LedgerProperties props,
      SecurityProperties security,
      Clock clock) {
    return new Checkpointer(ledger, signer, origin(props, security), clock);
  }

  /**
   * The configured witnesses, or in the demo without any its own two. A key that does not parse
   * stops the start with Boot's short report naming the setting.
   */
  @Bean
  Witnesses witnesses(
      LedgerProperties props,
      Ledger ledger,
      CheckpointSigner signer,
      ObjectProvider<DemoWitnessTargets> demo) {
    List<Witnesses.Target> targets = new ArrayList<>();
    for (int i = 0; i < props.witnesses().size(); i++) {
      LedgerProperties.WitnessSetting w = props.witnesses().get(i);
      String name = "hiway.ledger.witnesses[" + i + "]";
      if (w.url() == null || w.key() == null) {
        throw new InvalidConfigurationPropertyValueException(
            name, null, "a witness needs its url and its cosigner key");
      }
      try {
        targets.add(new Witnesses.Target(w.url(), CosignatureVerifier.of(w.key())));
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigurationPropertyValueException(
            name + ".key", w.key(), e.getMessage());
      }
    }
    DemoWitnessTargets demoWitnesses = demo.getIfAvailable();
    if (targets.isEmpty() && demoWitnesses != null) {
      targets.addAll(demoWitnesses.start(signer.verifierKey()));
    }
    Integer quorum = props.witnessQuorum();
    if (quorum != null && (quorum < 1 || quorum > targets.size())) {
      throw new InvalidConfigurationPropertyValueException(
          "hiway.ledger.witness-quorum",
          quorum,
          "must be between 1 and the number of witnesses (" + targets.size() + ")");
    }
    return new Witnesses(targets, ledger, quorum == null ? targets.size() : quorum);
  }

  @Bean(destroyMethod = "close")
  LedgerCommits ledgerCommits(
      Ledger ledger, AuditTrail audit, PlatformTransactionManager transactions) {
    return new LedgerCommits(ledger, audit, transactions);
  }

  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService ledgerScheduler() {
    return Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("ledger-schedule").daemon().factory());
  }

  /** The configured origin, or the issuer's host and port followed by {@code /consent-ledger}. */
  static String origin(LedgerProperties props, SecurityProperties security) {
    if (props.origin() != null && !props.origin().isBlank()) {
      return props.origin().strip();
    }
    URI issuer = security.issuer();
    return issuer.getHost()
        + (issuer.getPort() > 0 ? ":" + issuer.getPort() : "")
        + "/consent-ledger";
  }
}
