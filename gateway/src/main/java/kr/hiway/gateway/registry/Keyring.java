package kr.hiway.gateway.registry;

import java.util.Map;
import java.util.Optional;
import kr.hiway.vocabulary.LinkageToken;

/**
 * The keyring of configured, provisioned and demo keys. Provisioned keys are read from the database
 * when the registry's change count moves, which every instance's registry does when any instance
 * provisions a key (it is announced with the registry's changes), so a new key is used from the
 * next request on, everywhere, without a restart. Thread-safe.
 */
final class Keyring implements LinkageKeyring {

  private record Provisioned(long changeCount, Map<String, LinkageToken> keys) {}

  private final Map<String, LinkageToken> configured;
  private final ProvisionedLinkageKeys provisioned;
  private final Map<String, LinkageToken> demo;
  private final HospitalRegistry registry;
  private volatile Provisioned loaded;

  Keyring(
      Map<String, LinkageToken> configured,
      ProvisionedLinkageKeys provisioned,
      Map<String, LinkageToken> demo,
      HospitalRegistry registry) {
    this.configured = Map.copyOf(configured);
    this.provisioned = provisioned;
    this.demo = Map.copyOf(demo);
    this.registry = registry;
  }

  @Override
  public Optional<LinkageToken> forHospital(String hospitalCode) {
    LinkageToken key = configured.get(hospitalCode);
    if (key == null) {
      key = provisioned().get(hospitalCode);
    }
    if (key == null) {
      key = demo.get(hospitalCode);
    }
    return Optional.ofNullable(key);
  }

  @Override
  public Optional<Source> source(String hospitalCode) {
    if (configured.containsKey(hospitalCode)) {
      return Optional.of(Source.CONFIGURED);
    }
    if (provisioned().containsKey(hospitalCode)) {
      return Optional.of(Source.PROVISIONED);
    }
    return demo.containsKey(hospitalCode) ? Optional.of(Source.DEMO) : Optional.empty();
  }

  private Map<String, LinkageToken> provisioned() {
    Provisioned p = loaded;
    long changes = registry.changeCount();
    if (p == null || p.changeCount() != changes) {
      // Read the count first: a change announced while reading moves it again and is read next
      // time.
      p = new Provisioned(changes, provisioned.all());
      loaded = p;
    }
    return p.keys();
  }
}
