package kr.hiway.gateway.export;

import java.util.List;
import java.util.Map;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.security.Caller;
import kr.hiway.gateway.security.Callers;
import kr.hiway.vocabulary.ErrorCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reviewers' API (the trust center's staff role, docs/export.md): the exports held because
 * reaching k suppressed more than allowed, with their risk reports, and the decision on each, with
 * a reason. An approval releases the export with its suppression applied; a rejection drops its
 * files. Either is audited with the reviewer and the reason.
 */
@RestController
@RequestMapping("/export-review")
class ExportReviewApi {

  static final int MIN_REASON = 10;
  static final int MAX_REASON = 500;

  private final ExportJobs jobs;
  private final ExportRecords records;

  ExportReviewApi(ExportJobs jobs, ExportRecords records) {
    this.jobs = jobs;
    this.records = records;
  }

  @GetMapping
  List<Map<String, Object>> held() {
    return jobs.inState(ExportState.AWAITING_REVIEW).stream()
        .map(j ->
            Map.<String, Object>of(
                "id",
                j.id(),
                "recipient",
                j.recipient(),
                "created",
                j.createdAt().toString(),
                "risk",
                j.risk()))
        .toList();
  }

  @PostMapping("/{job}/approve")
  Map<String, Object> approve(@PathVariable String job, @RequestBody Map<String, Object> body) {
    ExportJob held = held(job);
    Reviewer reviewer = reviewer(body);
    records.released(held.id(), held.recipient(), held.risk(), jobs.counts(held.id()), reviewer);
    if (!jobs.move(
        held.id(),
        ExportState.AWAITING_REVIEW,
        ExportState.COMPLETE,
        null,
        reviewer.subject(),
        null)) {
      throw notHeld();
    }
    return Map.of("id", held.id(), "state", ExportState.COMPLETE.code());
  }

  @PostMapping("/{job}/reject")
  Map<String, Object> reject(@PathVariable String job, @RequestBody Map<String, Object> body) {
    ExportJob held = held(job);
    Reviewer reviewer = reviewer(body);
    records.rejected(held.id(), held.recipient(), held.risk(), reviewer);
    if (!jobs.move(
        held.id(),
        ExportState.AWAITING_REVIEW,
        ExportState.REJECTED,
        null,
        reviewer.subject(),
        null)) {
      throw notHeld();
    }
    jobs.dropParts(held.id());
    return Map.of("id", held.id(), "state", ExportState.REJECTED.code());
  }

  private ExportJob held(String id) {
    return jobs.find(id)
        .filter(j -> j.state() == ExportState.AWAITING_REVIEW)
        .orElseThrow(ExportReviewApi::notHeld);
  }

  private static Reviewer reviewer(Map<String, Object> body) {
    Object reason = body.get("reason");
    if (!(reason instanceof String r)
        || r.strip().length() < MIN_REASON
        || r.length() > MAX_REASON
        || body.size() != 1) {
      throw new IllegalArgumentException(
          "the body is {\"reason\": ...}, stating why in "
              + MIN_REASON
              + " to "
              + MAX_REASON
              + " characters");
    }
    Caller caller = Callers.current().orElseThrow();
    return new Reviewer(caller.clientId(), caller.subject(), r.strip());
  }

  private static GatewayException notHeld() {
    return new GatewayException(
        ErrorCode.EXPORT_NOT_FOUND, "No export with that id is awaiting review.");
  }
}
