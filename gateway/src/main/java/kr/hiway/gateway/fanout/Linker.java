package kr.hiway.gateway.fanout;

import ca.uhn.fhir.context.FhirContext;
import kr.hiway.gateway.fanout.LinkageCache.Linkage;
import kr.hiway.vocabulary.LinkageToken;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

/** Finds the person's local patient id at one hospital, through the cache when it can. */
final class Linker {

  /**
   * A resolved linkage. {@code patient} is the hospital's Patient resource when just looked up,
   * null when from the cache or not a patient there.
   */
  record Resolved(Linkage linkage, Patient patient, boolean fromCache) {
    boolean isPatient() {
      return linkage.isPatient();
    }

    String localId() {
      return linkage.localId();
    }
  }

  private final FhirContext fhir;
  private final HospitalHttp http;
  private final LinkageCache cache;
  private final String hospitalCode;
  private final Urls urls;
  private final String token;

  Linker(
      FhirContext fhir,
      HospitalHttp http,
      LinkageCache cache,
      String hospitalCode,
      Urls urls,
      String token) {
    this.fhir = fhir;
    this.http = http;
    this.cache = cache;
    this.hospitalCode = hospitalCode;
    this.urls = urls;
    this.token = token;
  }

  Resolved resolve(Deadline deadline) throws HospitalFailure, InterruptedException {
    Linkage cached = cache.get(hospitalCode, token);
    return cached != null ? new Resolved(cached, null, true) : lookUp(deadline);
  }

  /** Asks the hospital, whatever the cache holds, and remembers the answer. */
  Resolved lookUp(Deadline deadline) throws HospitalFailure, InterruptedException {
    HospitalHttp.Answer answer = http.get(urls.linkage(token), deadline);
    if (answer.status() != 200) {
      throw HospitalFailure.forStatus(answer.status());
    }
    Bundle bundle = FhirBodies.parse(fhir, answer, Bundle.class);
    if (bundle.getType() != Bundle.BundleType.SEARCHSET) {
      throw FhirBodies.invalid("response was not a search result");
    }
    Patient found = null;
    for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
      if (entry.hasSearch() && entry.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME) {
        continue;
      }
      if (!(entry.getResource() instanceof Patient patient)) {
        throw FhirBodies.invalid("answer held a resource of an unexpected type");
      }
      if (found != null) {
        throw FhirBodies.invalid("linkage lookup matched more than one patient");
      }
      found = patient;
    }
    Linkage linkage = Linkage.NOT_HERE;
    if (found != null) {
      if (!GlobalIds.isFhirId(found.getIdElement().getIdPart()) || !carriesOwnToken(found)) {
        throw FhirBodies.invalid("linkage lookup answered an unusable patient");
      }
      linkage = new Linkage(found.getIdElement().getIdPart());
    }
    cache.put(hospitalCode, token, linkage);
    return new Resolved(linkage, found, false);
  }

  void forget() {
    cache.invalidate(hospitalCode, token);
  }

  /**
   * An adapter need not echo the token, but if it names one it must be ours: anything else is a
   * different person.
   */
  private boolean carriesOwnToken(Patient patient) {
    for (Identifier identifier : patient.getIdentifier()) {
      if (LinkageToken.SYSTEM.equals(identifier.getSystem())
          && !token.equals(identifier.getValue())) {
        return false;
      }
    }
    return true;
  }
}
