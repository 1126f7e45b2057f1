package kr.hiway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Audit event ids: version-7 UUIDs that sort by time and do not repeat. */
class AuditIdsTest {

  @Test
  void timeOrderedIdWhenLaterThenSortsAfterAndIsVersion7() {
    Instant t = Instant.parse("2026-12-06T05:30:00.123Z");
    String earlier = AuditTrail.timeOrderedId(t);
    String later = AuditTrail.timeOrderedId(t.plusMillis(1));

    assertThat(later).isGreaterThan(earlier);
    UUID id = UUID.fromString(earlier);
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(t.toEpochMilli());
  }

  @Test
  void timeOrderedIdWhenSameMillisecondThenStillUnique() {
    Instant t = Instant.parse("2026-12-06T05:30:00Z");
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      ids.add(AuditTrail.timeOrderedId(t));
    }
    assertThat(ids).hasSize(100_000);
  }
}
