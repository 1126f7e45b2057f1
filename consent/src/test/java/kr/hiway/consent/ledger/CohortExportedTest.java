package kr.hiway.consent.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CohortExportedTest {

  private static final Instant T = Instant.parse("2026-12-07T09:00:00Z");
  private static final String RISK = "{\"persons\":994,\"k\":5,\"achievedK\":5,\"suppressed\":346}";

  @Test
  void decodeWhenEncodedThenSameEntryWithAndWithoutReviewer() {
    for (String reviewer : new String[] {null, "trustcenter"}) {
      CohortExported entry =
          new CohortExported(
              "research-cohort",
              "job-1",
              RISK,
              List.of("Patient", "Observation"),
              "66222",
              reviewer,
              T);
      byte[] data = CanonicalJson.encode(entry.toJson());
      assertThat(EntryCodec.decode(data)).isEqualTo(entry);
    }
  }

  @Test
  void buildWhenResourcesNotACountThenIllegalArgument() {
    assertThatThrownBy(() -> new CohortExported("r", "j", RISK, List.of(), "many", null, T))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
