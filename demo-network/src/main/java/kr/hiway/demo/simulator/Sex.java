package kr.hiway.demo.simulator;

/**
 * The sex of a synthetic person, as the seventh digit of the resident registration number records
 * it. Immutable and thread-safe.
 */
public enum Sex {
  MALE,
  FEMALE
}
