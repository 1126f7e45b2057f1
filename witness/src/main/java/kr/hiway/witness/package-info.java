/**
 * A transparency-log witness: {@link kr.hiway.witness.Witness} holds the protocol (C2SP
 * tlog-witness {@code add-checkpoint}, cosignature/v1), {@link kr.hiway.witness.WitnessStore} its
 * own files, {@link kr.hiway.witness.WitnessMain} the HTTP program.
 */
package kr.hiway.witness;
