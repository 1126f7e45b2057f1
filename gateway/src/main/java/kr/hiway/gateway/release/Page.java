package kr.hiway.gateway.release;

/**
 * One page of a paged answer, recorded as disclosed.
 *
 * @param merged what the page releases
 * @param total the answer's total to show, or null to show none (see {@link Retrieval#page})
 * @param next where the next page starts, or null if this is the last
 */
public record Page(Merged merged, Integer total, Continuation next) {}
