package kr.hiway.consent.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import kr.hiway.demo.network.HospitalDirectory;
import kr.hiway.demo.simulator.Person;
import kr.hiway.demo.simulator.Sex;
import kr.hiway.demo.simulator.SyntheticPopulation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The resident-number space is small and structured, so a pseudonym must not be recomputable
 * without the key: hashing ~10^5 structurally valid numbers around the real ones (theirs included)
 * every keyless way one might try finds no pseudonym, while the same enumeration with the domain
 * key finds them all, which shows both that the search works and that the key is the only barrier.
 */
class PseudoEnumerationTest {

  private static final int PERSONS = 2_000;
  private static final int BIRTH_DATES = 40;
  private static final String DOMAIN = "irb-1";
  private static final int[] WEIGHTS = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};

  private static SyntheticPopulation population;
  private static Pseudonymizer pseudonymizer;
  private static PseudonymKeys keys;
  private static Set<String> pseudonyms;
  private static List<String> candidates;

  @BeforeAll
  static void setUp() {
    PseudoFixtures.fhir();
    population =
        SyntheticPopulation.generate(
            PseudoFixtures.SEED, PERSONS, HospitalDirectory.tertiaryHospitals());
    keys = PseudoFixtures.keys("enumeration");
    pseudonymizer =
        new Pseudonymizer(PseudoFixtures.fhir(), keys, DeidentificationProfile.loadDefault());
    pseudonyms = new LinkedHashSet<>();
    Set<String> numbers = new LinkedHashSet<>();
    for (int i = 0; i < PERSONS; i++) {
      Person p = population.person(i);
      pseudonyms.add(pseudonymizer.pseudonymOf(DOMAIN, p.nationalId()));
      numbers.add(p.nationalId().replace("-", ""));
    }
    // Every number the old scheme allows for the first persons' birth dates and sexes: region
    // codes 97-99 (the simulator's) and all office and serial digits, with a valid check digit.
    for (int i = 0; i < BIRTH_DATES; i++) {
      Person p = population.person(i);
      for (int region = 97; region <= 99; region++) {
        for (int rest = 0; rest < 1_000; rest++) {
          numbers.add(number(p.birthDate(), p.sex(), region, rest));
        }
      }
    }
    candidates = List.copyOf(numbers);
  }

  @Test
  void enumerateWhenHashedWithoutTheKeyThenNoPseudonymMatches() throws Exception {
    assertThat(candidates.size()).isGreaterThanOrEqualTo(100_000);
    byte[] zeroKey = new byte[32];
    byte[] domainKeyOfZeroMaster = new PseudonymKeys(new byte[32]).domainKey(DOMAIN).getEncoded();
    Map<String, Function<String, byte[]>> keyless = new HashMap<>();
    keyless.put("SHA-256(digits)", d -> sha256(d));
    keyless.put("SHA-256(YYMMDD-NNNNNNN)", d -> sha256(NationalIds.hyphenated(d)));
    keyless.put(
        "SHA-256(info|domain|digits)", d -> sha256("hiway pseudonym v1|" + DOMAIN + "|" + d));
    keyless.put("HMAC(all-zero key, digits)", d -> hmac(zeroKey, d));
    keyless.put("HMAC(domain name, digits)", d -> hmac(DOMAIN.getBytes(StandardCharsets.UTF_8), d));
    keyless.put("documented layout, all-zero master", d -> hmac(domainKeyOfZeroMaster, d));

    List<String> matches = new ArrayList<>();
    for (Map.Entry<String, Function<String, byte[]>> way : keyless.entrySet()) {
      for (String digits : candidates) {
        for (String encoded : encodings(way.getValue().apply(digits))) {
          if (pseudonyms.contains(encoded)) {
            matches.add(way.getKey());
          }
        }
      }
    }
    assertThat(matches).isEmpty();
  }

  @Test
  void enumerateWhenTheDomainKeyIsKnownThenEveryPersonIsFound() {
    // The control: the same search with the key succeeds, so the key alone protects pseudonyms.
    byte[] domainKey = keys.domainKey(DOMAIN).getEncoded();
    Map<String, String> found = new HashMap<>();
    for (String digits : candidates) {
      String p = "ps-" + Pseudonyms.encode(hmac(domainKey, digits));
      if (pseudonyms.contains(p)) {
        found.put(p, digits);
      }
    }
    for (int i = 0; i < BIRTH_DATES; i++) {
      Person person = population.person(i);
      assertThat(found.get(pseudonymizer.pseudonymOf(DOMAIN, person.nationalId())))
          .isEqualTo(person.nationalId().replace("-", ""));
    }
  }

  /** The ways a careless scheme might encode a digest, to compare with real pseudonyms. */
  private static List<String> encodings(byte[] digest) {
    String base32 = Pseudonyms.encode(digest);
    return List.of(
        "ps-" + base32,
        base32,
        "ps-" + HexFormat.of().formatHex(digest).substring(0, 26),
        "ps-" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 26));
  }

  static String number(LocalDate birth, Sex sex, int region, int rest) {
    int s = (birth.getYear() < 2000 ? 1 : 3) + (sex == Sex.FEMALE ? 1 : 0);
    String twelve =
        String.format(
            "%02d%02d%02d%d%02d%03d",
            birth.getYear() % 100, birth.getMonthValue(), birth.getDayOfMonth(), s, region, rest);
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += WEIGHTS[i] * (twelve.charAt(i) - '0');
    }
    return twelve + (11 - sum % 11) % 10;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String s) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(s.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
