package kr.hiway.gateway.fanout;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import kr.hiway.vocabulary.Ownership;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything asked of one hospital for one request: the linkage, then the query. One per hospital
 * exchange, used by one thread; not thread-safe.
 */
final class HospitalCall {

  // The fan-out's one logger, so that its events are configured (and audited for PHI) together.
  private static final Logger log = LoggerFactory.getLogger(FanOut.class);

  /** What a call needs from the engine that outlives it. */
  record Engine(FhirContext fhir, HospitalHttp http, LinkageCache cache, FanOutSettings settings) {}

  private final Engine engine;
  private final String code;
  private final String gatewayPatientId;
  private final String token;
  private final Urls urls;
  private final Linker linker;
  private final Pager pager;
  private final Deadline deadline;
  private AnswerForm form;
  private Window window; // null: the whole result
  private List<Integer> positions; // null: not asked for
  private Pager.Read lastRead;
  private boolean answeredFromCache;

  HospitalCall(Engine engine, HospitalTarget target, PatientContext patient, Deadline deadline) {
    this.engine = engine;
    this.code = target.code();
    this.gatewayPatientId = patient.patientId();
    this.token = target.linkage().of(patient.nationalId());
    this.urls = new Urls(target.baseUrl());
    this.linker = new Linker(engine.fhir(), engine.http(), engine.cache(), code, urls, token);
    this.pager = new Pager(engine.fhir(), engine.http(), urls, engine.settings().maxPages());
    this.deadline = deadline;
  }

  /**
   * The released records. For {@link AnswerForm#JSON}, each record other than a Patient is {@link
   * ReleasedRecord.Encoded}, its JSON rewritten straight from the hospital's (see {@link
   * JsonRewriter}).
   */
  List<ReleasedRecord> fetch(Query query, AnswerForm form)
      throws HospitalFailure, InterruptedException {
    this.form = form;
    return switch (query) {
      case Query.Demographics d -> demographics();
      case Query.Everything e -> everything(e);
      case Query.Search s -> search(s);
    };
  }

  /**
   * One window of {@code query}'s result ({@link Query.Everything} or {@link Query.Search}): one
   * request to the hospital, more only if the window is larger than its page size.
   */
  Slice fetch(Query query, AnswerForm form, Window window)
      throws HospitalFailure, InterruptedException {
    this.form = form;
    this.window = window;
    List<Integer> positions = new ArrayList<>();
    this.positions = positions;
    List<ReleasedRecord> records =
        switch (query) {
          case Query.Everything e -> everything(e);
          case Query.Search s -> search(s);
          case Query.Demographics d ->
              throw new IllegalArgumentException("demographics are not paged");
        };
    if (lastRead == null) {
      return Slice.none();
    }
    int read = lastRead.resources().size();
    int total = lastRead.total() == null ? window.offset() + read : Math.max(lastRead.total(), 0);
    return new Slice(records, positions, read, total);
  }

  /**
   * A window of {@code query}'s result as {@link #fetch(Query, AnswerForm, Window)}, and then, if
   * {@code context} is not null, the whole of {@code context}'s as models: records the window's are
   * judged by, asked in the same exchange.
   */
  Slice fetch(Query query, AnswerForm form, Window window, Query.Everything context)
      throws HospitalFailure, InterruptedException {
    Slice slice = fetch(query, form, window);
    if (context == null || lastRead == null) {
      return slice;
    }
    this.form = AnswerForm.HAPI;
    this.window = null;
    this.positions = null;
    return slice.withContext(everything(context));
  }

  /**
   * Whether this exchange reached the hospital: false only when the linkage cache said the person
   * is not a patient there, so nothing was sent. Such an exchange says nothing of the hospital's
   * health and is not counted as a call to it.
   */
  boolean reachedHospital() {
    return !answeredFromCache;
  }

  private Linker.Resolved resolve() throws HospitalFailure, InterruptedException {
    Linker.Resolved resolved = linker.resolve(deadline);
    answeredFromCache = resolved.fromCache() && !resolved.isPatient();
    return resolved;
  }

  /** The record if it exists and is the linked patient's; see {@link FanOut#read}. */
  Optional<Resource> read(RecordType type, String localId)
      throws HospitalFailure, InterruptedException {
    if (!GlobalIds.isFhirId(localId)) {
      return Optional.empty();
    }
    Linker.Resolved resolved = resolve();
    if (!resolved.isPatient()) {
      return Optional.empty();
    }
    HospitalHttp.Answer answer = engine.http().get(urls.read(type, localId), deadline);
    if (answer.status() == 404 || answer.status() == 410) {
      return Optional.empty();
    }
    if (answer.status() != 200) {
      throw HospitalFailure.forStatus(answer.status());
    }
    Resource record = FhirBodies.parse(engine.fhir(), answer, type.resourceClass());
    if (!localId.equals(record.getIdElement().getIdPart())) {
      throw FhirBodies.invalid("answered a different record");
    }
    boolean owned = Ownership.belongsTo(record, resolved.localId());
    if (!owned && resolved.fromCache()) {
      // The cached linkage may be stale; judge by a fresh one rather than refuse wrongly.
      linker.forget();
      resolved = linker.lookUp(deadline);
      owned = resolved.isPatient() && Ownership.belongsTo(record, resolved.localId());
    }
    if (!owned) {
      log.info("hospital {}: read of another patient's {} refused", code, type.fhirType());
      return Optional.empty();
    }
    Resource rewritten = rewriter(resolved.localId()).rewrite(record);
    if (rewritten == null) {
      log.warn("hospital {}: a {} held the linkage token; withheld", code, type.fhirType());
    }
    return Optional.ofNullable(rewritten);
  }

  private List<ReleasedRecord> demographics() throws HospitalFailure, InterruptedException {
    // A hospital known not to hold the person is not asked again; one that does is asked afresh,
    // since the Patient resource itself is the answer and the cache keeps no copy of it.
    Linker.Resolved resolved = resolve();
    if (!resolved.isPatient()) {
      return List.of();
    }
    if (resolved.patient() == null) {
      resolved = linker.lookUp(deadline);
      if (!resolved.isPatient()) {
        return List.of();
      }
    }
    return release(new Pager.Read(List.of(resolved.patient()), Map.of()), resolved.localId());
  }

  private List<ReleasedRecord> everything(Query.Everything query)
      throws HospitalFailure, InterruptedException {
    Set<String> expected = new HashSet<>();
    expected.add("Patient");
    Set<RecordType> types = query.types().isEmpty() ? Set.of(RecordType.values()) : query.types();
    types.forEach(t -> expected.add(t.fhirType()));

    Linker.Resolved resolved = resolve();
    if (!resolved.isPatient()) {
      return List.of();
    }
    try {
      return release(
          read(urls.everything(resolved.localId(), query, window), expected), resolved.localId());
    } catch (HospitalFailure f) {
      if (f.status() != 404 || !resolved.fromCache()) {
        throw f;
      }
    }
    // A 404 for a cached id: the hospital has merged or renumbered the patient. Once more, afresh.
    linker.forget();
    resolved = linker.lookUp(deadline);
    if (!resolved.isPatient()) {
      return List.of();
    }
    return release(
        read(urls.everything(resolved.localId(), query, window), expected), resolved.localId());
  }

  private List<ReleasedRecord> search(Query.Search query)
      throws HospitalFailure, InterruptedException {
    Linker.Resolved resolved = resolve();
    if (!resolved.isPatient()) {
      return List.of();
    }
    Set<String> expected = Set.of(query.type().fhirType());
    return release(
        read(urls.search(resolved.localId(), query, window), expected), resolved.localId());
  }

  private Pager.Read read(java.net.URI first, Set<String> expected)
      throws HospitalFailure, InterruptedException {
    lastRead =
        window == null
            ? pager.all(first, expected, form, deadline)
            : pager.upTo(window.count(), first, expected, form, deadline);
    return lastRead;
  }

  /** Drops what is not the linked patient's (saying how much, never which), rewrites the rest. */
  private List<ReleasedRecord> release(Pager.Read read, String localPatientId)
      throws HospitalFailure {
    Rewriter rewriter = rewriter(localPatientId);
    JsonRewriter json = form == AnswerForm.JSON ? new JsonRewriter(rewriter) : null;
    IParser parser = json == null ? null : engine.fhir().newJsonParser();
    Map<String, Integer> dropped = new TreeMap<>();
    Map<String, Integer> leaking = new TreeMap<>();
    List<ReleasedRecord> out = new ArrayList<>(read.resources().size());
    int index = -1;
    for (Resource found : read.resources()) {
      index++;
      Resource resource = found;
      String type = resource.fhirType();
      String localId = resource.getIdElement().getIdPart();
      JsonFirst.Skeleton skeleton = json == null ? null : read.skeletons().get(resource);
      if (skeleton != null) {
        // A skeleton: the walk checks its record while rewriting it, so whose it is (read from
        // its JSON) can be trusted only once the walk has taken it.
        byte[] bytes = json.rewrite(localId, skeleton.json());
        if (bytes != null) {
          if (Ownership.belongsTo(resource, localPatientId)) {
            out.add(new ReleasedRecord.Encoded(type, GlobalIds.of(code, localId), bytes));
            placed(index);
          } else {
            dropped.merge(type, 1, Integer::sum);
          }
          continue;
        }
        resource = skeleton.model(engine.fhir());
      }
      if (!Ownership.belongsTo(resource, localPatientId)) {
        dropped.merge(type, 1, Integer::sum);
        continue;
      }
      // The model path: for a Patient, an answer HAPI writes, or a record not in plain form.
      Resource rewritten = rewriter.rewrite(resource);
      if (rewritten == null) {
        leaking.merge(type, 1, Integer::sum);
      } else if (json == null || rewritten instanceof Patient) {
        out.add(new ReleasedRecord.Parsed(rewritten));
        placed(index);
      } else {
        out.add(ReleasedRecord.Encoded.of(parser, rewritten));
        placed(index);
      }
    }
    dropped.forEach((type, count) ->
        log.warn(
            "hospital {} answered {} {} resource(s) not of the linked patient; dropped",
            code,
            count,
            type));
    leaking.forEach((type, count) ->
        log.warn(
            "hospital {} answered {} {} resource(s) holding the linkage token; withheld",
            code,
            count,
            type));
    return out;
  }

  /** Notes the window position of the record just released, when a window is asked. */
  private void placed(int index) {
    if (positions != null) {
      positions.add(index);
    }
  }

  private Rewriter rewriter(String localPatientId) {
    return new Rewriter(engine.fhir(), code, localPatientId, gatewayPatientId, token);
  }
}
