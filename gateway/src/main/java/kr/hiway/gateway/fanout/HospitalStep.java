package kr.hiway.gateway.fanout;

import java.util.List;

/**
 * What is done with one hospital's released records in that hospital's own task, as soon as it has
 * answered: work done there (deciding, pseudonymizing, encoding) overlaps the wait for slower
 * hospitals instead of following it.
 *
 * <p>Called from many hospitals' tasks at once: an implementation must be thread-safe, and whatever
 * one call makes it returns rather than shares. Arguments are never null; the list is the step's to
 * keep. What it throws makes that hospital's result a failure.
 *
 * @param <T> what one hospital's part of the answer is, once the step has made it
 */
@FunctionalInterface
public interface HospitalStep<T> {

  T apply(String hospitalCode, List<ReleasedRecord> released);
}
