package kr.hiway.consent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** FHIR dates and dateTimes read as exact spans in Korean time, and written back unchanged. */
class ConsentTimeRangeTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2025, 2024-12-31T15:00:00Z, 2025-12-31T15:00:00Z",
    "2024-02, 2024-01-31T15:00:00Z, 2024-02-29T15:00:00Z",
    "2025-03-01, 2025-02-28T15:00:00Z, 2025-03-01T15:00:00Z",
    "2025-03-01T09:00:00+09:00, 2025-03-01T00:00:00Z, 2025-03-01T00:00:01Z",
    "2025-03-01T00:00:00Z, 2025-03-01T00:00:00Z, 2025-03-01T00:00:01Z",
    "2025-03-01T09:00:00.5+09:00, 2025-03-01T00:00:00.5Z, 2025-03-01T00:00:00.6Z",
    "2025-03-01T09:00:00.250-05:00, 2025-03-01T14:00:00.250Z, 2025-03-01T14:00:00.251Z"
  })
  void parseWhenFhirValueThenSpanOfItsPrecision(String text, String start, String end) {
    TimeRange span = FhirTimes.parse(text);

    assertThat(span).isEqualTo(new TimeRange(Instant.parse(start), Instant.parse(end)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2025-02-30",
    "2025-13",
    "2025-03-01T09:00:00",
    "2025-03-01T09:00+09:00",
    "25-03-01",
    "2025-03-01 09:00:00+09:00",
    "''"
  })
  void parseWhenNotFhirDateTimeThenRefused(String text) {
    assertThatThrownBy(() -> FhirTimes.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0}..{1}")
  @CsvSource({
    "2025-05-01, 2026-04-30",
    "2025-05-01T10:30:00+09:00, 2026-04-30T18:00:00+09:00",
    "2025-05-01T10:30:00.5+09:00, 2026-04-30T18:00:00.125+09:00"
  })
  void formatWhenParsedRangeThenSameText(String start, String end) {
    TimeRange range = TimeRange.ofFhir(start, end);

    assertThat(FhirTimes.formatStart(range.start())).isEqualTo(start);
    assertThat(FhirTimes.formatEnd(range.end())).isEqualTo(end);
  }

  @Test
  void containsWhenAtEndThenOutsideBecauseEndIsExclusive() {
    TimeRange r = TimeRange.ofFhir("2025-01-01", "2025-01-31");

    assertThat(r.contains(Instant.parse("2025-01-31T14:59:59.999Z"))).isTrue();
    assertThat(r.contains(Instant.parse("2025-01-31T15:00:00Z"))).isFalse();
    assertThat(r.contains(Instant.parse("2024-12-31T14:59:59Z"))).isFalse();
  }

  @Test
  void timeRangeWhenEndNotAfterStartThenRefused() {
    Instant t = Instant.parse("2025-01-01T00:00:00Z");

    assertThatThrownBy(() -> new TimeRange(t, t)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void overlapsWhenOpenEndsThenTrue() {
    TimeRange open = new TimeRange(null, Instant.parse("2025-01-01T00:00:00Z"));

    assertThat(open.overlaps(TimeRange.ALWAYS)).isTrue();
    assertThat(open.overlaps(TimeRange.ofFhir("2025-01-01T09:00:00+09:00", null))).isFalse();
  }
}
