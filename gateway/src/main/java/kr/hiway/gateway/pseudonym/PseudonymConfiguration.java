package kr.hiway.gateway.pseudonym;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import kr.hiway.consent.pseudonym.DeidentificationProfile;
import kr.hiway.consent.pseudonym.ProfileException;
import kr.hiway.consent.pseudonym.PseudonymKeys;
import kr.hiway.consent.pseudonym.Pseudonymizer;
import kr.hiway.gateway.startup.BadSettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pseudonymizer for research releases. The de-identification profile is loaded and checked
 * here, at start: an invalid profile stops the gateway rather than letting it release anything.
 */
@Configuration(proxyBeanMethods = false)
class PseudonymConfiguration {

  static final String PROFILE_SETTING = "hiway.pseudonym.profile";

  private static final Logger log = LoggerFactory.getLogger(PseudonymConfiguration.class);

  @Bean
  Pseudonymizer pseudonymizer(FhirContext fhir, PseudonymKeys keys, PseudonymProperties props) {
    return new Pseudonymizer(fhir, keys, profile(props.profile()));
  }

  /** The configured profile, validated; any problem stops the start naming the setting. */
  static DeidentificationProfile profile(Path file) {
    try {
      if (file == null) {
        return DeidentificationProfile.loadDefault();
      }
      try (InputStream in = Files.newInputStream(file)) {
        return DeidentificationProfile.load(in);
      }
    } catch (ProfileException e) {
      throw new BadSettingException(
          PROFILE_SETTING,
          (file == null ? "the shipped profile" : file.toAbsolutePath().toString())
              + ": "
              + String.join("; ", e.problems()),
          "Correct the de-identification profile; docs/deidentification.md lists its settings.");
    } catch (IOException | UncheckedIOException e) {
      throw new BadSettingException(
          PROFILE_SETTING,
          "cannot read " + file.toAbsolutePath(),
          "Name a readable de-identification profile file, or leave the setting out.");
    }
  }

  /** The master key research pseudonyms are derived from. */
  @Bean
  PseudonymKeys pseudonymKeys(PseudonymProperties props) throws IOException {
    if (props.masterKey() != null && !props.masterKey().isBlank()) {
      return new PseudonymKeys(Base64.getDecoder().decode(props.masterKey()));
    }
    Path file = props.demoKeyFile();
    if (Files.exists(file)) {
      return new PseudonymKeys(Base64.getDecoder().decode(Files.readString(file).strip()));
    }
    PseudonymKeys generated = PseudonymKeys.generate();
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, Base64.getEncoder().encodeToString(generated.masterKey()));
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system; the folder's own protection applies
    }
    log.info("no hiway.pseudonym.master-key configured: generated a demo key in {}", file);
    return generated;
  }
}
