package kr.hiway.consent.pseudonym;

import java.util.Optional;

/**
 * The per-domain table pseudonym → national identifier of the persons actually released to the
 * domain, written at release time from {@link PseudonymizedRelease#mapping()}.
 *
 * <p>Re-identification is a lookup in this table, never a search: pseudonyms are keyed HMACs, and
 * the gateway must not try candidate national identifiers against them. Only a trusted role may
 * call {@link #nationalIdOf}, with a stated reason, and the caller audits every call (who, which
 * domain and pseudonym, why, when, and whether a person was found); implementations do neither.
 *
 * <p>Implementations are thread-safe. No method accepts or returns null.
 */
public interface PseudonymIndex {

  /** Records a mapping; recording the same mapping again changes nothing. */
  void record(PseudonymMapping mapping);

  /** The national identifier behind a pseudonym in a domain, if that person was released to it. */
  Optional<String> nationalIdOf(String domain, String pseudonym);
}
