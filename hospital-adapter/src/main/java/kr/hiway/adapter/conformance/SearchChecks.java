package kr.hiway.adapter.conformance;

import static ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY;
import static kr.hiway.adapter.conformance.Session.require;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.hiway.vocabulary.Ownership;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Resource;

/**
 * The checks of the test person's records: each type's search, its paging and its date filter, and
 * {@code $everything} against the nine searches. Paged checks cut the result into about {@value
 * #PAGES} pages, so that paging is exercised however many records the person has.
 */
final class SearchChecks {

  static final int PAGES = 6;

  private final Session session;
  private final String patientId;
  private final Map<RecordType, List<Resource>> found = new EnumMap<>(RecordType.class);

  SearchChecks(Session session, String patientId) {
    this.session = session;
    this.patientId = patientId;
  }

  void everyType() {
    for (RecordType type : RecordType.values()) {
      search(type);
      List<Resource> all = found.get(type);
      if (all == null) {
        session.notRun("paging." + type.fhirType(), "search." + type.fhirType() + " failed");
        session.notRun("date." + type.fhirType(), "search." + type.fhirType() + " failed");
      } else {
        paging(type, all);
        date(type, all);
      }
    }
  }

  private void search(RecordType type) {
    String t = type.fhirType();
    session.check(
        "search." + t,
        () -> {
          Session.Paged paged = session.pages(t + "?patient=" + patientId + "&_count=500");
          for (Resource r : paged.resources()) {
            require(r.fhirType().equals(t), t + " search answered " + Records.name(r));
            require(
                Ownership.belongsTo(r, patientId),
                Records.name(r)
                    + " does not refer to Patient/"
                    + patientId
                    + " (relative reference required)");
            require(r.getMeta().hasLastUpdated(), Records.name(r) + " has no meta.lastUpdated");
          }
          String readBack = "";
          if (!paged.resources().isEmpty()) {
            Resource first = paged.resources().get(0);
            Resource read = session.read(session.get(Records.name(first)), type.resourceClass());
            require(
                Records.name(read).equals(Records.name(first)),
                "GET " + Records.name(first) + " answered " + Records.name(read));
            readBack = ", " + Records.name(first) + " read back";
          }
          found.put(type, paged.resources());
          return paged.resources().size() + " records of the patient" + readBack;
        });
  }

  private void paging(RecordType type, List<Resource> all) {
    String t = type.fhirType();
    session.check(
        "paging." + t,
        () -> {
          int count = pageSize(all.size());
          Session.Paged paged = session.pages(t + "?patient=" + patientId + "&_count=" + count);
          sameRecords(paged.resources(), all, t + " paged by " + count, "unpaged");
          sameOrder(paged.resources(), all, t + " paged by " + count);
          return all.size()
              + " records in "
              + paged.pages()
              + " pages of "
              + count
              + ", none repeated or missing";
        });
  }

  private void date(RecordType type, List<Resource> all) {
    String t = type.fhirType();
    session.check(
        "date." + t,
        () -> {
          List<Resource> dated =
              new ArrayList<>(all.stream().filter(r -> Records.date(r) != null).toList());
          int count = pageSize(dated.size());
          String query = t + "?patient=" + patientId + "&_count=" + count + "&date=";
          if (dated.isEmpty()) {
            Session.Paged any = session.pages(query + "ge1900-01-01");
            require(
                any.resources().isEmpty(),
                "date=ge1900-01-01 found records though none has a date");
            return "no dated records; the date search answers empty";
          }
          dated.sort(Comparator.comparing(r -> Records.date(r).getValue()));
          // The boundary is an exact instant: with a date alone the adapter (HAPI) widens the
          // bounds by up to 14 hours to allow for any time zone, so ge and lt of one day overlap.
          // A record dated to the day has an instant only in the adapter's own time zone, so the
          // middle record is taken from those with a time when there are any.
          List<Resource> timed =
              dated.stream()
                  .filter(r -> Records.date(r).getPrecision().ordinal() > DAY.ordinal())
                  .toList();
          boolean exact = !timed.isEmpty();
          List<Resource> candidates = exact ? timed : dated;
          Resource middle = candidates.get(candidates.size() / 2);
          String boundary =
              exact
                  ? Records.date(middle).getValueAsString()
                  : Records.date(middle).getValue().toInstant().toString();
          Set<String> from = names(session.pages(query + "ge" + ServerChecks.encode(boundary)));
          Set<String> before = names(session.pages(query + "lt" + ServerChecks.encode(boundary)));
          if (exact) {
            require(
                from.contains(Records.name(middle)),
                "date=ge" + boundary + " misses " + Records.name(middle) + ", dated " + boundary);
            require(
                !before.contains(Records.name(middle)),
                "date=lt" + boundary + " holds " + Records.name(middle) + ", dated " + boundary);
          }
          Set<String> both = new HashSet<>(from);
          both.retainAll(before);
          require(both.isEmpty(), "both date=ge" + boundary + " and date=lt hold " + both);
          Set<String> union = new LinkedHashSet<>(from);
          union.addAll(before);
          Set<String> expected = new LinkedHashSet<>(dated.stream().map(Records::name).toList());
          require(
              union.equals(expected),
              "date=ge"
                  + boundary
                  + " and date=lt together hold "
                  + union.size()
                  + " records, expected the "
                  + expected.size()
                  + " dated ones; "
                  + difference(union, expected));
          return "date=ge"
              + boundary
              + ": "
              + from.size()
              + ", lt: "
              + before.size()
              + " of "
              + dated.size()
              + " dated records, paged by "
              + count;
        });
  }

  void everything() {
    session.check(
        "everything",
        () -> {
          String query = "Patient/" + patientId + "/$everything?_count=";
          Session.Paged full = session.pages(query + 500);
          Set<String> expected = new LinkedHashSet<>();
          expected.add("Patient/" + patientId);
          found.values().forEach(rs -> rs.forEach(r -> expected.add(Records.name(r))));
          for (Resource r : full.resources()) {
            boolean patient = Records.name(r).equals("Patient/" + patientId);
            require(
                patient || RecordType.ofFhirType(r.fhirType()).isPresent(),
                "$everything holds " + Records.name(r) + ", not a type the adapter serves");
            require(
                patient || Ownership.belongsTo(r, patientId),
                Records.name(r) + " in $everything does not refer to Patient/" + patientId);
          }
          Set<String> names = names(full);
          require(names.contains("Patient/" + patientId), "$everything lacks the Patient");
          if (found.size() == RecordType.values().length) {
            require(
                names.equals(expected),
                "$everything differs from the nine searches: " + difference(names, expected));
          }
          int count = pageSize(full.resources().size());
          Session.Paged paged = session.pages(query + count);
          sameRecords(paged.resources(), full.resources(), "$everything paged by " + count, "");
          sameOrder(paged.resources(), full.resources(), "$everything paged by " + count);
          return full.resources().size()
              + " resources, as the searches found; "
              + paged.pages()
              + " pages of "
              + count
              + " with none repeated or missing";
        });
  }

  private static int pageSize(int records) {
    return Math.max(1, (records + PAGES - 1) / PAGES);
  }

  private static void sameRecords(
      List<Resource> got, List<Resource> expected, String what, String against)
      throws Session.CheckFailed {
    Set<String> a = new LinkedHashSet<>(got.stream().map(Records::name).toList());
    Set<String> b = new LinkedHashSet<>(expected.stream().map(Records::name).toList());
    require(
        a.equals(b),
        what
            + " gave "
            + a.size()
            + " records, "
            + (against.isEmpty() ? "" : against + " ")
            + b.size()
            + "; "
            + difference(a, b));
  }

  /**
   * Offset paging cuts every page from a fresh result, so the pages hold the records in the unpaged
   * order only if the source orders them the same way every time, as the SPI requires.
   */
  private static void sameOrder(List<Resource> got, List<Resource> expected, String what)
      throws Session.CheckFailed {
    for (int i = 0; i < Math.min(got.size(), expected.size()); i++) {
      String a = Records.name(got.get(i));
      String b = Records.name(expected.get(i));
      require(
          a.equals(b),
          what
              + " is not in the unpaged order (the order is not stable): record "
              + (i + 1)
              + " is "
              + a
              + ", unpaged "
              + b);
    }
  }

  private static Set<String> names(Session.Paged paged) {
    return new LinkedHashSet<>(paged.resources().stream().map(Records::name).toList());
  }

  /** What one set has that the other has not, a few of each. */
  private static String difference(Set<String> got, Set<String> expected) {
    List<String> missing = expected.stream().filter(n -> !got.contains(n)).limit(3).toList();
    List<String> extra = got.stream().filter(n -> !expected.contains(n)).limit(3).toList();
    return "missing " + missing + ", unexpected " + extra;
  }
}
