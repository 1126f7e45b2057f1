package kr.hiway.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.hiway.vocabulary.RecordType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which next links are followed, and the URLs asked. */
class FanOutNextLinkTest {

  final Urls urls = new Urls(URI.create("http://10.0.0.7:8080/fhir/"));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://10.0.0.7:8080/fhir/Patient/P1/$everything?_count=500&_offset=500",
        "HTTP://10.0.0.7:8080/fhir?_getpages=abc&_offset=10",
        "http://10.0.0.7:8080/fhir/Observation?patient=P1&code=urn:x|c1&_offset=500"
      })
  void nextWhenWithinHospitalThenFollowed(String link) throws HospitalFailure {
    assertThat(urls.next(link).getHost()).isEqualTo("10.0.0.7");
  }

  @Test
  void nextWhenDefaultPortSpelledOutThenFollowed() throws HospitalFailure {
    Urls plain = new Urls(URI.create("https://h.example/fhir"));

    assertThat(plain.next("https://h.example:443/fhir/Observation?_offset=1")).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://10.0.0.8:8080/fhir/Patient/P1/$everything?_offset=500",
        "http://10.0.0.7:8081/fhir/Patient/P1/$everything?_offset=500",
        "https://10.0.0.7:8080/fhir/Patient/P1/$everything?_offset=500",
        "http://10.0.0.7:8080/admin?_offset=500",
        "http://10.0.0.7:8080/fhirx/Patient?_offset=500",
        "http://10.0.0.7:8080/fhir/../admin",
        "http://10.0.0.7:8080/fhir/%2e%2e/admin",
        "http://user@10.0.0.7:8080/fhir/Patient",
        "/fhir/Patient/P1/$everything?_offset=500",
        "Patient/P1/$everything?_offset=500",
        "mailto:x@10.0.0.7",
        "http://10.0.0.7:8080/fhir/\"<>"
      })
  void nextWhenOutsideHospitalThenInvalidResponse(String link) {
    assertThatThrownBy(() -> urls.next(link))
        .isInstanceOfSatisfying(
            HospitalFailure.class,
            f -> {
              assertThat(f.failure()).isEqualTo(Failure.INVALID_RESPONSE);
              assertThat(f.detail()).isEqualTo("next link points outside the hospital");
            });
  }

  @Test
  void urlsWhenBuiltThenEncodedUnderBase() {
    assertThat(urls.linkage("t-_1").toString())
        .isEqualTo(
            "http://10.0.0.7:8080/fhir/Patient?identifier=urn%3Ahiway%3Alinkage-token%7Ct-_1");
    assertThat(
            urls.everything("P1", new Query.Everything(Set.of(RecordType.OBSERVATION), null))
                .toString())
        .isEqualTo(
            "http://10.0.0.7:8080/fhir/Patient/P1/$everything?_count=500&_type=Patient%2CObservation");
    assertThat(
            urls.search(
                    "P1",
                    new Query.Search(RecordType.CONDITION, Map.of("code", List.of("urn:x|a b"))))
                .toString())
        .isEqualTo(
            "http://10.0.0.7:8080/fhir/Condition?patient=P1&code=urn%3Ax%7Ca%20b&_count=500");
    assertThat(urls.read(RecordType.ENCOUNTER, "e.1").toString())
        .isEqualTo("http://10.0.0.7:8080/fhir/Encounter/e.1");
  }

  @Test
  void searchWhenParameterNotPassedOnThenRefused() {
    assertThatThrownBy(
            () -> new Query.Search(RecordType.CONDITION, Map.of("_count", List.of("9999"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Query.Search(RecordType.CONDITION, Map.of("patient", List.of("P2"))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
