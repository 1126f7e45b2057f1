package kr.hiway.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import kr.hiway.consent.ledger.CanonicalJson;

/**
 * One access to a patient's data, or one refusal, as it is audited. Made by {@link #success} or
 * {@link #refusal} and the builder they return.
 *
 * @param action what was asked
 * @param success whether anything was released (or written)
 * @param patientId the gateway patient concerned, or null if the request named none
 * @param clientId the OAuth client that asked
 * @param subject who asked: a patient's or staff member's username, or the client itself
 * @param purpose the purpose of use asserted, or null for a patient's own access
 * @param consentIds the consents the decision rests on
 * @param hospitals the hospitals whose records were released
 * @param resourceTypes the types of the records released
 * @param released how many records were released
 * @param withheld how many records the consent decisions withheld
 * @param reason why, in a sentence (a refusal's reason, or the decision summary)
 * @param query the request's path and query, for the query entity
 * @param byStaff whether the subject is a staff member (a regulator, the trust center) rather than
 *     the patient
 * @param tokenId the {@code jti} of the access token the request carried, or null
 * @param address the network address the request came from, or null
 */
public record AuditRecord(
    AuditAction action,
    boolean success,
    String patientId,
    String clientId,
    String subject,
    String purpose,
    List<String> consentIds,
    List<String> hospitals,
    List<String> resourceTypes,
    int released,
    int withheld,
    String reason,
    String query,
    boolean byStaff,
    String tokenId,
    String address) {

  public AuditRecord {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(subject, "subject");
    consentIds = List.copyOf(consentIds);
    hospitals = List.copyOf(hospitals);
    resourceTypes = List.copyOf(resourceTypes);
  }

  /**
   * An access that released (or wrote) something, by client {@code clientId} for {@code subject}.
   */
  public static Builder success(AuditAction action, String clientId, String subject) {
    return new Builder(action, true, clientId, subject);
  }

  /** An access refused, or one that found nothing to release. */
  public static Builder refusal(AuditAction action, String clientId, String subject) {
    return new Builder(action, false, clientId, subject);
  }

  /**
   * The rest of a record, each part optional: left out, a text is null, a list empty, a count zero,
   * and the subject not staff. Not thread-safe.
   */
  public static final class Builder {
    private final AuditAction action;
    private final boolean success;
    private final String clientId;
    private final String subject;
    private String patientId;
    private String purpose;
    private List<String> consentIds = List.of();
    private List<String> hospitals = List.of();
    private List<String> resourceTypes = List.of();
    private int released;
    private int withheld;
    private String reason;
    private String query;
    private boolean byStaff;
    private String tokenId;
    private String address;

    private Builder(AuditAction action, boolean success, String clientId, String subject) {
      this.action = action;
      this.success = success;
      this.clientId = clientId;
      this.subject = subject;
    }

    /** The gateway patient concerned; null for none. */
    public Builder patient(String patientId) {
      this.patientId = patientId;
      return this;
    }

    /** The purpose of use asserted (its code); null for a patient's own access. */
    public Builder purpose(String purpose) {
      this.purpose = purpose;
      return this;
    }

    public Builder consents(List<String> consentIds) {
      this.consentIds = consentIds;
      return this;
    }

    public Builder hospitals(Collection<String> hospitals) {
      this.hospitals = List.copyOf(hospitals);
      return this;
    }

    public Builder types(List<String> resourceTypes) {
      this.resourceTypes = resourceTypes;
      return this;
    }

    public Builder released(int released) {
      this.released = released;
      return this;
    }

    public Builder withheld(int withheld) {
      this.withheld = withheld;
      return this;
    }

    public Builder reason(String reason) {
      this.reason = reason;
      return this;
    }

    /** The request's path and query; null for none. */
    public Builder query(String query) {
      this.query = query;
      return this;
    }

    /** The subject is a staff member (a regulator, the trust center), not the patient. */
    public Builder byStaff() {
      this.byStaff = true;
      return this;
    }

    /** The {@code jti} of the access token the request carried; null for none. */
    public Builder token(String tokenId) {
      this.tokenId = tokenId;
      return this;
    }

    /** The network address the request came from; null for none. */
    public Builder from(String address) {
      this.address = address;
      return this;
    }

    public AuditRecord build() {
      return new AuditRecord(
          action,
          success,
          patientId,
          clientId,
          subject,
          purpose,
          consentIds,
          hospitals,
          resourceTypes,
          released,
          withheld,
          reason,
          query,
          byStaff,
          tokenId,
          address);
    }
  }

  /** The record as a JSON object (null components left out), as stored. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("action", action.code());
    m.put("success", success);
    if (patientId != null) {
      m.put("patientId", patientId);
    }
    m.put("clientId", clientId);
    m.put("subject", subject);
    if (purpose != null) {
      m.put("purpose", purpose);
    }
    m.put("consentIds", consentIds);
    m.put("hospitals", hospitals);
    m.put("resourceTypes", resourceTypes);
    m.put("released", (long) released);
    m.put("withheld", (long) withheld);
    if (reason != null) {
      m.put("reason", wellFormed(reason));
    }
    if (query != null) {
      m.put("query", wellFormed(query));
    }
    if (byStaff) {
      m.put("byStaff", true);
    }
    if (tokenId != null) {
      m.put("tokenId", wellFormed(tokenId));
    }
    if (address != null) {
      m.put("address", address);
    }
    return m;
  }

  /** The text with any lone surrogate (which JSON cannot carry as UTF-8) replaced by U+FFFD. */
  private static String wellFormed(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
              ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
              : !Character.isLowSurrogate(c)
                  || (i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
      if (!paired && out == null) {
        out = new StringBuilder(s.substring(0, i));
      }
      if (out != null) {
        out.append(paired ? c : '\uFFFD');
      }
    }
    return out == null ? s : out.toString();
  }

  /** Reads a record back from {@link #toJson()}'s JSON. */
  static AuditRecord fromJson(String json) {
    Map<?, ?> m = (Map<?, ?>) CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8));
    String action = (String) m.get("action");
    return new AuditRecord(
        AuditAction.ofCode(action)
            .orElseThrow(() -> new IllegalArgumentException("unknown audit action " + action)),
        Boolean.TRUE.equals(m.get("success")),
        (String) m.get("patientId"),
        (String) m.get("clientId"),
        (String) m.get("subject"),
        (String) m.get("purpose"),
        strings(m.get("consentIds")),
        strings(m.get("hospitals")),
        strings(m.get("resourceTypes")),
        Math.toIntExact((Long) m.get("released")),
        Math.toIntExact((Long) m.get("withheld")),
        (String) m.get("reason"),
        (String) m.get("query"),
        Boolean.TRUE.equals(m.get("byStaff")),
        (String) m.get("tokenId"),
        (String) m.get("address"));
  }

  private static List<String> strings(Object list) {
    return ((List<?>) list).stream().map(String.class::cast).toList();
  }
}
