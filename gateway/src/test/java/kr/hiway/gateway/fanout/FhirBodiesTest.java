package kr.hiway.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one door hospital answers enter by: UTF-8 checked byte by byte before any parsing. */
class FhirBodiesTest {

  static final FhirContext FHIR = FhirContext.forR4Cached();
  static final String PREFIX =
      "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":"
          + "{\"resourceType\":\"Observation\",\"id\":\"o1\",\"status\":\"final\","
          + "\"code\":{\"text\":\"";
  static final String SUFFIX = "\"}}}]}";

  @Test
  void parseWhenKoreanAndFourByteCharactersThenRead() throws Exception {
    Bundle bundle = parse(bytes(PREFIX + "혈당 𝄞 é" + SUFFIX));

    assertThat(((Observation) bundle.getEntryFirstRep().getResource()).getCode().getText())
        .isEqualTo("혈당 𝄞 é");
  }

  /** Lone continuation, overlong '/', a surrogate, past U+10FFFF, cut short, and NUL. */
  @ParameterizedTest
  @ValueSource(
      strings = {"80", "C0AF", "E080AF", "EDA080", "F4908080", "F5808080", "E282", "00", "FF"})
  void parseWhenMalformedUtf8ThenInvalid(String hex) throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(bytes(PREFIX));
    body.write(java.util.HexFormat.of().parseHex(hex));
    body.write(bytes(SUFFIX));

    assertThatThrownBy(() -> parse(body.toByteArray()))
        .isInstanceOf(HospitalFailure.class)
        .hasMessageContaining("response was not valid UTF-8");
  }

  @Test
  void parseWhenUtf16ThenInvalid() {
    byte[] utf16 = (PREFIX + "x" + SUFFIX).getBytes(StandardCharsets.UTF_16BE);

    assertThatThrownBy(() -> parse(utf16))
        .isInstanceOf(HospitalFailure.class)
        .hasMessageContaining("response was not valid UTF-8");
  }

  private static Bundle parse(byte[] body) throws HospitalFailure {
    return FhirBodies.parse(
        FHIR,
        new HospitalHttp.Answer(200, Optional.of("application/fhir+json"), body),
        Bundle.class);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
