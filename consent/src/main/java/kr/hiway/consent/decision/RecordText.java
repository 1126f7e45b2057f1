package kr.hiway.consent.decision;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * The free text of a note or a report that the text terms of {@code consent/sensitive-codes.txt}
 * are looked for in: a DocumentReference's description and inline attachments, a DiagnosticReport's
 * conclusion and inline presented forms, an Observation's value string and notes, and the narrative
 * of all three. Other records are classified by their codes only. Stateless.
 */
final class RecordText {

  /** Attachments larger than this are not read: a scanned image holds no searchable text. */
  private static final int MAX_ATTACHMENT_BYTES = 1 << 20;

  private RecordText() {}

  /** Adds the record's free texts to {@code out}. */
  static void texts(Resource r, List<String> out) {
    switch (r) {
      case DocumentReference d -> {
        out.add(d.getDescription());
        d.getContent().forEach(c -> attachment(c.getAttachment(), out));
        narrative(d, out);
      }
      case DiagnosticReport d -> {
        out.add(d.getConclusion());
        d.getPresentedForm().forEach(a -> attachment(a, out));
        narrative(d, out);
      }
      case Observation o -> {
        if (o.hasValueStringType()) {
          out.add(o.getValueStringType().getValue());
        }
        o.getNote().stream().map(Annotation::getText).forEach(out::add);
        narrative(o, out);
      }
      default -> {}
    }
  }

  /** Inline data only, read as UTF-8 when it is text (or says nothing of its type). */
  private static void attachment(Attachment a, List<String> out) {
    if (a == null) {
      return;
    }
    out.add(a.getTitle());
    byte[] data = a.getData();
    String type = a.getContentType();
    if (data != null
        && data.length <= MAX_ATTACHMENT_BYTES
        && (type == null || type.startsWith("text/") || type.contains("json"))) {
      out.add(new String(data, StandardCharsets.UTF_8));
    }
  }

  private static void narrative(DomainResource r, List<String> out) {
    if (r.hasText() && r.getText().hasDiv()) {
      out.add(r.getText().getDivAsString());
    }
  }
}
