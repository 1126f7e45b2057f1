package kr.hiway.demo.simulator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Small builders for FHIR R4 elements.
 *
 * <p>Times are Korean local times written with the fixed offset {@code +09:00} (Korea has had no
 * daylight saving since 1988), and dates and times are built from strings rather than {@link
 * java.util.Date}, so that nothing depends on the JVM's default time zone. Stateless and
 * thread-safe.
 */
final class Fhir {

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
  private static final String KST = "+09:00";

  private Fhir() {}

  static DateTimeType dateTime(LocalDateTime t) {
    return new DateTimeType(text(t));
  }

  /** A dateTime precise to the day only, for onsets known by date. */
  static DateTimeType day(LocalDate d) {
    return new DateTimeType(d.toString());
  }

  static InstantType instant(LocalDateTime t) {
    return new InstantType(text(t));
  }

  static DateType date(LocalDate d) {
    return new DateType(d.toString());
  }

  static String text(LocalDateTime t) {
    return LOCAL.format(t.truncatedTo(ChronoUnit.SECONDS)) + KST;
  }

  /** Sets the logical id and {@code meta.lastUpdated} every returned resource must carry. */
  static <R extends Resource> R stamp(R resource, String id, LocalDateTime lastUpdated) {
    resource.setId(id);
    resource.getMeta().setLastUpdatedElement(instant(lastUpdated));
    return resource;
  }

  static Coding coding(String system, String code, String display) {
    return new Coding(system, code, display);
  }

  static CodeableConcept concept(String system, String code, String display) {
    return new CodeableConcept(coding(system, code, display));
  }

  /** A coded concept whose {@code text} carries the Korean wording beside the English display. */
  static CodeableConcept concept(String system, String code, String display, String korean) {
    return concept(system, code, display).setText(korean);
  }

  static Reference ref(String resourceType, String id) {
    return new Reference(resourceType + "/" + id);
  }

  static Reference named(String display) {
    return new Reference().setDisplay(display);
  }

  static Quantity quantity(BigDecimal value, String unit, String ucum) {
    return new Quantity()
        .setValue(value)
        .setUnit(unit)
        .setSystem(MeasurementCatalog.UCUM)
        .setCode(ucum);
  }

  /** The value rounded half-up to {@code scale} decimals, as a decimal with exactly that scale. */
  static BigDecimal decimal(double value, int scale) {
    return BigDecimal.valueOf(Math.round(value * Math.pow(10, scale)), scale);
  }
}
