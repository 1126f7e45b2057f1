package kr.hiway.gateway.fanout;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads a paged search result to its end: every page validated, every next link checked, all or
 * nothing.
 */
final class Pager {

  private final FhirContext fhir;
  private final HospitalHttp http;
  private final Urls urls;
  private final int maxPages;

  Pager(FhirContext fhir, HospitalHttp http, Urls urls, int maxPages) {
    this.fhir = fhir;
    this.http = http;
    this.urls = urls;
    this.maxPages = maxPages;
  }

  /**
   * What the pages held.
   *
   * @param resources the resources, skeletons among them when read JSON first
   * @param skeletons what each skeleton among {@code resources} stands for; empty for {@link
   *     AnswerForm#HAPI}
   * @param total the first page's {@code Bundle.total}, or null if it had none
   */
  record Read(
      List<Resource> resources, Map<Resource, JsonFirst.Skeleton> skeletons, Integer total) {

    Read(List<Resource> resources, Map<Resource, JsonFirst.Skeleton> skeletons) {
      this(resources, skeletons, null);
    }
  }

  /**
   * Every resource of every page, each of one of the {@code expectedTypes} and with a valid id;
   * repeats (offset paging over changing data may repeat one) are kept once. For {@link
   * AnswerForm#JSON}, pages are read by {@link JsonFirst}: records in plain form come as skeletons.
   *
   * @throws HospitalFailure for any status but 200 (with {@link HospitalFailure#status()}), any
   *     invalid page, or a next link leaving the hospital
   */
  Read all(URI first, Set<String> expectedTypes, AnswerForm form, Deadline deadline)
      throws HospitalFailure, InterruptedException {
    return upTo(Integer.MAX_VALUE, first, expectedTypes, form, deadline);
  }

  /**
   * As {@link #all}, but only the first {@code limit} resources: next links are followed only until
   * that many are read (a window larger than the hospital's page size takes more than one page).
   */
  Read upTo(int limit, URI first, Set<String> expectedTypes, AnswerForm form, Deadline deadline)
      throws HospitalFailure, InterruptedException {
    // Keyed by identity: a skeleton is an empty resource, equal to nothing but itself.
    Map<Resource, JsonFirst.Skeleton> skeletons =
        form == AnswerForm.JSON ? new IdentityHashMap<>() : Map.of();
    Map<String, Resource> found = new LinkedHashMap<>();
    URI next = first;
    int pages = 0;
    Integer total = null;
    while (next != null && found.size() < limit) {
      if (++pages > maxPages) {
        throw FhirBodies.invalid("answer had more than " + maxPages + " pages");
      }
      HospitalHttp.Answer answer = http.get(next, deadline);
      if (answer.status() != 200) {
        throw HospitalFailure.forStatus(answer.status());
      }
      Bundle page =
          form == AnswerForm.JSON
              ? JsonFirst.page(fhir, answer, skeletons)
              : FhirBodies.parse(fhir, answer, Bundle.class);
      if (page.getType() != Bundle.BundleType.SEARCHSET) {
        throw FhirBodies.invalid("response was not a search result");
      }
      if (pages == 1 && page.hasTotal()) {
        total = page.getTotal();
      }
      for (Resource resource : resources(page, expectedTypes)) {
        Resource kept =
            found.putIfAbsent(
                resource.fhirType() + "/" + resource.getIdElement().getIdPart(), resource);
        JsonFirst.Skeleton skeleton = kept == null ? null : skeletons.get(resource);
        if (skeleton != null) {
          // A repeat is not released, but the answer is refused if it holds what HAPI refuses,
          // as when every record was parsed.
          skeleton.model(fhir);
          skeletons.remove(resource);
        }
      }
      Bundle.BundleLinkComponent link = page.getLink(Bundle.LINK_NEXT);
      next = link == null || !link.hasUrl() ? null : urls.next(link.getUrl());
    }
    List<Resource> resources = new ArrayList<>(found.values());
    if (resources.size() > limit) {
      resources = new ArrayList<>(resources.subList(0, limit));
    }
    return new Read(resources, skeletons, total);
  }

  private static List<Resource> resources(Bundle page, Set<String> expectedTypes)
      throws HospitalFailure {
    List<Resource> out = new ArrayList<>(page.getEntry().size());
    for (Bundle.BundleEntryComponent entry : page.getEntry()) {
      Resource resource = entry.getResource();
      if (entry.hasSearch() && entry.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME) {
        continue; // a server's remarks about the search, not a result
      }
      if (resource == null || !expectedTypes.contains(resource.fhirType())) {
        throw FhirBodies.invalid("answer held a resource of an unexpected type");
      }
      if (!GlobalIds.isFhirId(resource.getIdElement().getIdPart())) {
        throw FhirBodies.invalid("answer held a resource without a valid id");
      }
      out.add(resource);
    }
    return out;
  }
}
