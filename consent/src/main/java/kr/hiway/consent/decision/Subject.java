package kr.hiway.consent.decision;

import java.time.Instant;
import kr.hiway.vocabulary.RecordType;

/**
 * The record under decision and what the request's consents say about it, worked out once and read
 * by every voter. Not thread-safe; one per decision.
 */
final class Subject {

  final RecordType kind;
  final String hospital;
  final Instant dataDate;
  final int classes;

  /** The first consent covering the record, or null. */
  final Candidate covering;

  /** The first covering consent that also names every sensitive class of the record, or null. */
  final Candidate coveringNamed;

  Subject(RecordType kind, String hospital, Instant dataDate, int classes, Candidate[] candidates) {
    this.kind = kind;
    this.hospital = hospital;
    this.dataDate = dataDate;
    this.classes = classes;
    Candidate first = null;
    Candidate named = null;
    for (Candidate c : candidates) {
      if (c.covers(kind, hospital, dataDate)) {
        if (first == null) {
          first = c;
        }
        if (c.names(classes)) {
          named = c;
          break;
        }
      }
    }
    this.covering = first;
    this.coveringNamed = named;
  }
}
