package kr.hiway.adapter.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Base64;
import kr.hiway.adapter.example.jdbc.SampleEmr;
import kr.hiway.vocabulary.LinkageToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The kit's command line: what its arguments mean, and which it refuses. */
class ConformanceKitTest {

  static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void targetWhenKeyAndNationalIdThenTokenOfThatPersonAndDefaultBudget() {
    Conformance.Target t =
        ConformanceKit.target(
            new String[] {
              "--base-url",
              "http://127.0.0.1:8090/fhir",
              "--linkage-key",
              KEY,
              "--national-id",
              SampleEmr.TEST_PERSON_RESIDENT_NO
            });
    assertThat(t.baseUrl()).hasToString("http://127.0.0.1:8090/fhir");
    assertThat(t.linkageToken())
        .isEqualTo(LinkageToken.withKey(new byte[32]).of(SampleEmr.TEST_PERSON_RESIDENT_NO));
    assertThat(t.budget()).isEqualTo(Duration.ofMillis(ConformanceKit.DEFAULT_BUDGET_MS));
  }

  @Test
  void targetWhenTokenAndBudgetThenThose() {
    Conformance.Target t =
        ConformanceKit.target(
            new String[] {
              "--base-url",
              "http://h/fhir",
              "--linkage-token",
              "abc",
              "--national-id",
              "580312-1972147",
              "--budget-ms",
              "250"
            });
    assertThat(t.linkageToken()).isEqualTo("abc");
    assertThat(t.nationalId()).isEqualTo("580312-1972147");
    assertThat(t.budget()).isEqualTo(Duration.ofMillis(250));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "--linkage-token abc",
        "--base-url http://h/fhir",
        "--base-url http://h/fhir --linkage-key " + "AAAA",
        "--base-url http://h/fhir --national-id 580312-1972147",
        "--base-url http://h/fhir --linkage-token abc",
        "--base-url http://h/fhir --linkage-token abc --linkage-key AAAA --national-id 1",
        "--base-url http://h/fhir --linkage-token abc --national-id 1 --budget-ms soon",
        "--base-url http://h/fhir --linkage-token abc --national-id 1 --budget-ms 0",
        "--base-url http://h/fhir --linkage-token abc --national-id 1 --colour blue",
        "--base-url",
      })
  void targetWhenArgumentsIncompleteOrUnknownThenIllegalArgument(String line) {
    String[] args = line.isEmpty() ? new String[0] : line.split(" ");
    assertThatIllegalArgumentException().isThrownBy(() -> ConformanceKit.target(args));
  }
}
