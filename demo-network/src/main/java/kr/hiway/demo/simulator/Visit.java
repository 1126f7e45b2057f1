package kr.hiway.demo.simulator;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import kr.hiway.demo.simulator.CareCatalog.EncounterClass;
import kr.hiway.demo.simulator.ClinicalCatalog.Diagnosis;

/**
 * One planned visit of a patient to a hospital: the skeleton the records of that visit hang on.
 * Immutable.
 *
 * @param number the visit's number at this hospital, from 1, in order of start
 * @param kind outpatient, inpatient or emergency
 * @param start when it began, Korean local time
 * @param end when it ended
 * @param diagnoses one or two, the first being the main one
 * @param clinician the attending clinician's name, shown as a reference display
 */
record Visit(
    int number,
    EncounterClass kind,
    LocalDateTime start,
    LocalDateTime end,
    List<Diagnosis> diagnoses,
    String clinician) {

  Visit {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(clinician, "clinician");
    diagnoses = List.copyOf(diagnoses);
    if (diagnoses.isEmpty()) {
      throw new IllegalArgumentException("a visit has at least one diagnosis");
    }
  }

  Diagnosis main() {
    return diagnoses.get(0);
  }

  /** The time this many minutes into the visit, but no later than its end. */
  LocalDateTime minutesIn(int minutes) {
    LocalDateTime t = start.plusMinutes(minutes);
    return t.isAfter(end) ? end : t;
  }

  /** When blood was drawn: half an hour in, or just before the end of a short visit. */
  LocalDateTime bloodDrawn() {
    LocalDateTime halfHour = start.plusMinutes(30);
    LocalDateTime beforeEnd = end.minusMinutes(5);
    return halfHour.isBefore(beforeEnd) ? halfHour : beforeEnd;
  }

  /** When laboratory results were issued: two hours after the blood was drawn. */
  LocalDateTime resultsIssued() {
    return bloodDrawn().plusHours(2);
  }

  /**
   * When the hospital's system last touched the visit's records: an hour after the visit ended or
   * the results came out, whichever was later.
   */
  LocalDateTime lastUpdated() {
    LocalDateTime last = resultsIssued().isAfter(end) ? resultsIssued() : end;
    return last.plusHours(1);
  }

  long days() {
    return Math.max(1, ChronoUnit.DAYS.between(start.toLocalDate(), end.toLocalDate()));
  }
}
