package kr.hiway.gateway.ledger;

import java.util.List;

/**
 * The demo's own witnesses, used only when {@code hiway.ledger.witnesses} is not set: two witness
 * programs on loopback, each with its own key and files. Outside the demo no bean of this type
 * exists. Called once, at start, with the verifier key of the ledger's checkpoint signer.
 */
@FunctionalInterface
public interface DemoWitnessTargets {

  /** Starts the demo's witnesses (once) following the log with that key; returns them. */
  List<Witnesses.Target> start(String logVerifierKey);
}
