package kr.hiway.gateway.api;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.InstantType;

/**
 * One page of a patient's audit events as HAPI writes it: cut already, with its {@code next} link
 * taken from the sealed token (as {@link MergedBundle} pages are) and the total of all the events.
 */
final class AuditEventPage implements IBundleProvider {

  private final List<AuditEvent> events;
  private final int total;
  private final String nextToken;
  private final InstantType published = InstantType.now();

  AuditEventPage(List<AuditEvent> events, int total, String nextToken) {
    this.events = List.copyOf(events);
    this.total = total;
    this.nextToken = nextToken;
  }

  @Override
  public IPrimitiveType<Date> getPublished() {
    return published;
  }

  /** The whole page, whatever HAPI's indexes say: it is cut already. */
  @Override
  public List<IBaseResource> getResources(int fromIndex, int toIndex) {
    return new ArrayList<>(events);
  }

  @Override
  public String getUuid() {
    return nextToken;
  }

  @Override
  public String getCurrentPageId() {
    return "page";
  }

  @Override
  public String getNextPageId() {
    return nextToken == null ? null : "next";
  }

  @Override
  public Integer preferredPageSize() {
    return null;
  }

  @Override
  public Integer size() {
    return total;
  }
}
