package kr.hiway.gateway.export;

import java.time.Instant;
import java.util.List;

/**
 * One cohort export as stored.
 *
 * @param request the kick-off URL as the client sent it (the manifest's {@code request})
 * @param types the resource types exported
 * @param risk the risk report as JSON, once assessed; else null
 * @param reviewer who approved or rejected the release, or null
 * @param error why the export failed, safe to show the client; else null
 */
record ExportJob(
    String id,
    String recipient,
    ExportState state,
    String request,
    List<String> types,
    Instant createdAt,
    Instant updatedAt,
    Instant expiresAt,
    int personsTotal,
    int personsDone,
    String risk,
    String reviewer,
    String error) {

  /** Progress for {@code X-Progress}. */
  String progress() {
    return personsTotal == 0
        ? "starting"
        : personsDone + " of " + personsTotal + " persons retrieved";
  }
}
