package kr.hiway.gateway.regulator;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.hiway.consent.ledger.CanonicalJson;
import kr.hiway.consent.ledger.ConsentGranted;
import kr.hiway.consent.ledger.Disclosure;
import kr.hiway.consent.ledger.LedgerEntry;
import kr.hiway.gateway.audit.AuditAction;
import kr.hiway.gateway.ledger.FullAudit;
import kr.hiway.gateway.ledger.LedgerIntegrity;
import kr.hiway.gateway.registry.HospitalRegistry;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The regulator's API over the consent ledger: events searched by time, hospital, recipient,
 * purpose, type, consent and patient pseudonym, with paging; counts for charts; the compliance
 * check; the same search exported whole as NDJSON or CSV. Every request is audited before it is
 * answered.
 *
 * <p>Times are ISO-8601 instants or dates (UTC); {@code from} is inclusive, {@code to} exclusive.
 */
@RestController
@RequestMapping("/regulator")
class RegulatorApi {

  private static final int DEFAULT_PAGE = 100;

  private final LedgerEvents events;
  private final LedgerStats stats;
  private final Compliance compliance;
  private final StaffRequests staff;
  private final FullAudit fullAudit;
  private final LedgerIntegrity integrity;
  private final HospitalRegistry hospitals;

  RegulatorApi(
      LedgerEvents events,
      LedgerStats stats,
      Compliance compliance,
      StaffRequests staff,
      FullAudit fullAudit,
      LedgerIntegrity integrity,
      HospitalRegistry hospitals) {
    this.hospitals = hospitals;
    this.fullAudit = fullAudit;
    this.integrity = integrity;
    this.events = events;
    this.stats = stats;
    this.compliance = compliance;
    this.staff = staff;
  }

  @GetMapping("/events")
  Map<String, Object> search(@RequestParam Map<String, String> params, HttpServletRequest request) {
    EventFilter filter = filter(params);
    int count =
        (int)
            Math.min(
                LedgerEvents.MAX_PAGE,
                params.containsKey("_count")
                    ? StaffRequests.number("_count", params.get("_count"), 1)
                    : DEFAULT_PAGE);
    long after =
        params.containsKey("after") ? StaffRequests.number("after", params.get("after"), -1) : -1;
    List<LedgerEvent> page = events.search(filter, after, count);
    staff.audit(request, AuditAction.REGULATOR_SEARCH, page.size(), "ledger event search");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("events", page.stream().map(LedgerEvent::toJson).toList());
    if (page.size() == count) {
      out.put(
          "next",
          UriComponentsBuilder.fromPath(request.getRequestURI())
              .query(request.getQueryString())
              .replaceQueryParam("after", page.getLast().index())
              .build()
              .toUriString());
    }
    return out;
  }

  /**
   * Counts for the console's charts: disclosures per day, hospital and purpose; consents granted,
   * revoked and expired per day. Filters {@code from}, {@code to}, {@code hospital}, {@code
   * recipient}, {@code purpose}, as for {@code /events}.
   */
  @GetMapping("/stats")
  LedgerStats.Stats stats(@RequestParam Map<String, String> params, HttpServletRequest request) {
    known(params, "from", "to", "hospital", "recipient", "purpose");
    EventFilter range = filter(params);
    LedgerStats.Stats answer =
        stats.count(
            new LedgerStats.Filter(
                range.from(), range.to(), range.hospital(), range.recipient(), range.purpose()));
    LedgerStats.Consents c = answer.consents();
    long counted = answer.disclosures().total() + c.granted() + c.revoked() + c.expired();
    staff.audit(
        request,
        AuditAction.REGULATOR_STATS,
        (int) Math.min(Integer.MAX_VALUE, counted),
        "ledger counts");
    return answer;
  }

  @GetMapping("/compliance")
  Map<String, Object> compliance(
      @RequestParam Map<String, String> params, HttpServletRequest request) {
    known(params, "from", "to", "hospital");
    Instant from = StaffRequests.instant("from", params.get("from"));
    Instant to = StaffRequests.instant("to", params.get("to"));
    Compliance.Report report =
        compliance.check(from, to, StaffRequests.text(params.get("hospital")));
    staff.audit(
        request,
        AuditAction.COMPLIANCE,
        report.violations().size(),
        "compliance check of " + report.checked() + " disclosures");
    // The disclosures are judged on the ledger as stored: if it was tampered with, that comes
    // first, and nothing is compliant on a ledger that fails its audit.
    FullAudit.Report audit = fullAudit.run();
    boolean intact = audit.intact() && integrity.broken().isEmpty();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("checked", report.checked());
    out.put("compliant", intact && report.violations().isEmpty());
    out.put("integrity", integrityJson(audit));
    List<Map<String, Object>> violations = new ArrayList<>();
    for (Compliance.Violation v : report.violations()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("index", v.index());
      m.put("consentId", v.consentId());
      m.put("problems", v.problems());
      m.put("related", v.related());
      violations.add(m);
    }
    out.put("violations", violations);
    return out;
  }

  /** The hospitals by code, with their Korean and English names, for showing beside codes. */
  @GetMapping("/hospitals")
  List<Map<String, Object>> hospitals() {
    return hospitals.all().stream()
        .map(h -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("code", h.hospital().code());
          m.put("nameKo", h.hospital().nameKo());
          m.put("nameEn", h.hospital().nameEn());
          return m;
        })
        .toList();
  }

  /**
   * A full audit of the ledger: every entry re-hashed, the tree recomputed and compared with the
   * stored nodes and the latest checkpoint the witnesses cosigned; every mismatch listed.
   */
  @GetMapping("/integrity")
  Map<String, Object> integrity(
      @RequestParam Map<String, String> params, HttpServletRequest request) {
    known(params);
    FullAudit.Report audit = fullAudit.run();
    staff.audit(
        request,
        AuditAction.COMPLIANCE,
        (int) Math.min(Integer.MAX_VALUE, audit.problemCount()),
        "full ledger audit of " + audit.entries() + " entries");
    return integrityJson(audit);
  }

  private Map<String, Object> integrityJson(FullAudit.Report audit) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("intact", audit.intact() && integrity.broken().isEmpty());
    out.put("checkedAt", audit.checked().toString());
    out.put("tookMs", audit.took().toMillis());
    out.put("entries", audit.entries());
    out.put("cosignedSize", audit.cosignedSize());
    out.put("matchesCosigned", audit.matchesCosigned());
    out.put("problemCount", audit.problemCount());
    List<Map<String, Object>> problems = new ArrayList<>();
    for (FullAudit.Problem p : audit.problems()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", p.kind());
      m.put("index", p.index());
      if (p.lastIndex() != p.index()) {
        m.put("lastIndex", p.lastIndex());
      }
      m.put("storedHash", p.storedHash());
      m.put("recomputedHash", p.recomputedHash());
      problems.add(m);
    }
    out.put("problems", problems);
    integrity
        .broken()
        .ifPresent(b -> {
          out.put("ledgerCheck", b.reason());
          out.put("ledgerCheckEvidence", b.evidence());
        });
    return out;
  }

  /**
   * The whole search as NDJSON ({@code format=ndjson}, the default) or CSV ({@code format=csv}).
   */
  @GetMapping("/export")
  void export(
      @RequestParam Map<String, String> params,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    String format = params.getOrDefault("format", "ndjson");
    if (!format.equals("ndjson") && !format.equals("csv")) {
      throw StaffRequests.bad("format must be ndjson or csv");
    }
    Map<String, String> rest = new LinkedHashMap<>(params);
    rest.remove("format");
    EventFilter filter = filter(rest);
    staff.audit(request, AuditAction.REGULATOR_EXPORT, 0, "ledger export as " + format);
    boolean csv = format.equals("csv");
    response.setContentType(csv ? "text/csv;charset=UTF-8" : "application/x-ndjson");
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"consent-ledger." + format + "\"");
    OutputStream out = response.getOutputStream();
    if (csv) {
      write(
          out,
          "index,type,time,consentId,patient,recipient,purposes,resourceTypes,hospitals,leafHash\r\n");
    }
    long after = -1;
    events.catchUp(); // once: what is entered while the export runs is for the next export
    while (true) {
      List<LedgerEvent> page = events.find(filter, after, LedgerEvents.MAX_PAGE);
      for (LedgerEvent e : page) {
        if (csv) {
          write(out, csvLine(e));
        } else {
          out.write(CanonicalJson.encode(e.toJson()));
          out.write('\n');
        }
      }
      if (page.size() < LedgerEvents.MAX_PAGE) {
        break;
      }
      after = page.getLast().index();
    }
  }

  private static EventFilter filter(Map<String, String> params) {
    known(
        params,
        "type",
        "from",
        "to",
        "hospital",
        "recipient",
        "purpose",
        "consent",
        "patient",
        "_count",
        "after");
    return new EventFilter(
        StaffRequests.text(params.get("type")),
        StaffRequests.instant("from", params.get("from")),
        StaffRequests.instant("to", params.get("to")),
        StaffRequests.text(params.get("hospital")),
        StaffRequests.text(params.get("recipient")),
        StaffRequests.text(params.get("purpose")),
        StaffRequests.text(params.get("consent")),
        StaffRequests.text(params.get("patient")));
  }

  private static void known(Map<String, String> params, String... names) {
    for (String p : params.keySet()) {
      if (!List.of(names).contains(p)) {
        throw StaffRequests.bad("unknown parameter " + p + "; known: " + String.join(", ", names));
      }
    }
  }

  private static String csvLine(LedgerEvent e) {
    LedgerEntry entry = e.entry();
    if (entry == null) {
      return String.join(
              ",",
              String.valueOf(e.index()),
              "unreadable",
              "",
              "",
              "",
              "",
              "",
              "",
              "",
              e.leafHashBase64())
          + "\r\n";
    }
    Map<String, Object> json = entry.toJson();
    String purposes =
        switch (entry) {
          case ConsentGranted g -> String.join(" ", g.purposes());
          case Disclosure d -> d.purpose();
          default -> "";
        };
    String recipient =
        json.containsKey("recipient")
            ? (String) json.get("recipient")
            : (String) json.getOrDefault("actor", "");
    return String.join(
            ",",
            String.valueOf(e.index()),
            csv(entry.type()),
            csv(entry.time().toString()),
            csv((String) json.getOrDefault("consentId", "")),
            csv((String) json.get("patient")),
            csv(recipient),
            csv(purposes),
            csv(list(json.get("resourceTypes"))),
            csv(list(json.get("hospitalCodes"))),
            e.leafHashBase64())
        + "\r\n";
  }

  private static String list(Object value) {
    return value instanceof List<?> l
        ? String.join(" ", l.stream().map(String::valueOf).toList())
        : "";
  }

  /** RFC 4180 quoting, and a leading quote for text a spreadsheet would run as a formula. */
  static String csv(String value) {
    String v = value == null ? "" : value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      v = "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }

  private static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
  }
}
