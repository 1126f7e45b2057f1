package kr.hiway.gateway.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import kr.hiway.consent.ledger.CosignatureVerifier;
import kr.hiway.gateway.ledger.DemoWitnessTargets;
import kr.hiway.gateway.ledger.Witnesses;
import kr.hiway.witness.WitnessMain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * The demo's two ledger witnesses ({@code witness.hiway.demo/w1} and {@code /w2}): the project's
 * witness program, run here on loopback with each its own key and files under {@code
 * hiway.demo.witness-folder}, so that the demo's checkpoints are published cosigned. In production
 * the witnesses run apart, by other parties, and are configured ({@code hiway.ledger.witnesses}).
 */
@Component
@ConditionalOnBooleanProperty(name = "hiway.demo.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "hiway.demo.witnesses", matchIfMissing = true)
class DemoWitnesses implements DemoWitnessTargets, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(DemoWitnesses.class);

  private final DemoProperties props;
  private final List<WitnessMain> running = new ArrayList<>();

  DemoWitnesses(DemoProperties props) {
    this.props = props;
  }

  @Override
  public synchronized List<Witnesses.Target> start(String logVerifierKey) {
    List<Witnesses.Target> targets = new ArrayList<>();
    for (String w : List.of("w1", "w2")) {
      String name = "witness.hiway.demo/" + w;
      try {
        WitnessMain witness =
            WitnessMain.start(
                name,
                props.witnessFolder().resolve(w),
                List.of(logVerifierKey),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        running.add(witness);
        targets.add(
            new Witnesses.Target(
                URI.create("http://127.0.0.1:" + witness.port() + "/"),
                CosignatureVerifier.of(witness.verifierKey())));
        log.info(
            "demo witness {} on 127.0.0.1:{}, files in {}, key {}",
            name,
            witness.port(),
            props.witnessFolder().resolve(w),
            witness.verifierKey());
      } catch (IOException e) {
        throw new UncheckedIOException("the demo witness " + name + " could not start", e);
      }
    }
    return targets;
  }

  @Override
  public void destroy() {
    running.forEach(WitnessMain::close);
  }
}
