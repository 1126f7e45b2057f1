/**
 * The fan-out: one patient request asked of many hospital adapters at once, over HTTP, and merged.
 *
 * <p>{@link kr.hiway.gateway.fanout.FanOut} is the entry point. Everything a hospital sends back is
 * validated before any of it is released (a hospital's answer is all-or-nothing), records of any
 * other patient are dropped, and each released resource is rewritten into the gateway's id space
 * ({@link kr.hiway.gateway.fanout.GlobalIds}) with its origin in {@code meta.source}.
 *
 * <p>The national identifier never leaves this process: each hospital is asked by its own
 * {@linkplain kr.hiway.vocabulary.LinkageToken linkage token}. Neither the national identifier nor
 * a token is ever logged or put in an exception message.
 */
package kr.hiway.gateway.fanout;
