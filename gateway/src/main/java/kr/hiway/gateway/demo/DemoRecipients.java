package kr.hiway.gateway.demo;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kr.hiway.gateway.security.backend.RecipientKeyFile;
import kr.hiway.gateway.security.backend.RecipientRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * The demo's third-party recipients, SMART Backend Services clients: {@code clinic-seoul}, a clinic
 * reading for treatment ({@code TREAT}), and two research projects ({@code HRESCH}), {@code
 * research-cohort} and {@code research-cohort-2}, so that a user can see that the same patient has
 * a different, unlinkable pseudonym in each project's releases. Each has an EC P-384 key pair made
 * at first start; the private key stays in {@code {key folder}/{client id}.jwk.json}
 * (owner-readable only) for a user to sign assertions with, and the public key is registered with
 * the client. Later starts reuse the files, so the keys survive restarts.
 */
@Component
@ConditionalOnBooleanProperty(name = "hiway.demo.enabled", matchIfMissing = true)
class DemoRecipients implements ApplicationRunner {

  /** A demo recipient: who it is and what it may ask data for. */
  record Recipient(String clientId, String name, String purposeOfUse) {}

  static final List<Recipient> RECIPIENTS =
      List.of(
          new Recipient("clinic-seoul", "Seoul clinic (treatment)", "TREAT"),
          new Recipient("research-cohort", "Cohort research project (health research)", "HRESCH"),
          new Recipient(
              "research-cohort-2", "Second cohort research project (health research)", "HRESCH"));

  private static final Logger log = LoggerFactory.getLogger(DemoRecipients.class);

  private final RegisteredClientRepository clients;
  private final Path keyFolder;

  DemoRecipients(
      RegisteredClientRepository clients,
      @Value("${hiway.demo.recipient-keys:data/recipients}") Path keyFolder) {
    this.clients = clients;
    this.keyFolder = keyFolder;
  }

  @Override
  public void run(ApplicationArguments args) {
    for (Recipient r : RECIPIENTS) {
      JWK key = keyOf(r.clientId());
      clients.save(
          new RecipientRegistration(
                  r.clientId(), r.name(), r.purposeOfUse(), new JWKSet(key.toPublicJWK()))
              .toRegisteredClient());
    }
    ignoredByGit();
    Path folder = keyFolder.toAbsolutePath().normalize();
    log.info(
        "demo recipients clinic-seoul (TREAT), research-cohort and research-cohort-2 (HRESCH):"
            + " their private keys are {}/{client-id}.jwk.json, for"
            + " kr.hiway.gateway.security.backend.ClientAssertionCli",
        folder);
  }

  /** The file a recipient's private key is kept in. */
  Path keyFile(String clientId) {
    return keyFolder.resolve(clientId + ".jwk.json");
  }

  /** Private keys in a working tree must not be committed by a careless {@code git add}. */
  private void ignoredByGit() {
    Path ignore = keyFolder.resolve(".gitignore");
    try {
      if (!Files.exists(ignore)) {
        Files.writeString(ignore, "# private keys of the demo recipients: never commit\n*\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + ignore, e);
    }
  }

  private JWK keyOf(String clientId) {
    try {
      return RecipientKeyFile.readOrCreate(keyFile(clientId));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the key of demo recipient " + clientId, e);
    }
  }
}
