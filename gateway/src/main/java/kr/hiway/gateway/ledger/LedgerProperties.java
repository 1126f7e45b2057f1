package kr.hiway.gateway.ledger;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The consent ledger's settings.
 *
 * @param origin the checkpoint origin line, a schema-less URL naming this log; by default the
 *     issuer's host and port followed by {@code /consent-ledger}
 * @param signingKey the checkpoint signing key as a note private key ({@code PRIVATE+KEY+...}),
 *     from a secret store in production
 * @param demoKeyFile where the demo keeps a key it generated itself when none is configured
 * @param checkpointInterval how often a checkpoint is signed when the log has grown
 * @param expiryInterval how often consents that ran out are entered as expired
 * @param witnesses the witnesses (C2SP tlog-witness) that cosign each new checkpoint: each its
 *     submission URL prefix ({@code url}) and cosigner verifier key ({@code key}); none in the demo
 *     starts the demo's own two
 * @param witnessQuorum how many of them must cosign a checkpoint before it is published; all of
 *     them when not set
 */
@ConfigurationProperties("hiway.ledger")
public record LedgerProperties(
    String origin,
    String signingKey,
    @DefaultValue("data/ledger-signing.key") Path demoKeyFile,
    @DefaultValue("30s") Duration checkpointInterval,
    @DefaultValue("60s") Duration expiryInterval,
    List<WitnessSetting> witnesses,
    Integer witnessQuorum) {

  public LedgerProperties {
    witnesses = witnesses == null ? List.of() : List.copyOf(witnesses);
  }

  /** One witness: where to submit checkpoints, and its cosigner's verifier key. */
  public record WitnessSetting(URI url, String key) {}
}
