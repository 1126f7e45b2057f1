package kr.hiway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which paging keys are in force: configured first, the demo's only in the demo, never made up. */
class PagingKeysTest {

  private static final byte[] DEMO = new byte[32];
  private static final String CONFIGURED = Base64.getEncoder().encodeToString(new byte[32]);

  private static PagingProperties props(String key, List<String> retired) {
    return new PagingProperties(key, retired, Path.of("unused"));
  }

  @Test
  void loadWhenNoKeyAndNoDemoThenRefusedNamingTheSetting() {
    assertThatThrownBy(() -> PagingKeys.load(props(null, List.of()), null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("hiway.fhir.paging-key");
  }

  @Test
  void loadWhenNoKeyInTheDemoThenTheDemosKey() {
    assertThat(PagingKeys.load(props(" ", List.of()), () -> DEMO)).containsExactly(DEMO);
  }

  @Test
  void loadWhenConfiguredThenItSealsAndRetiredKeysFollow() {
    byte[] retired = new byte[32];
    retired[0] = 7;
    List<byte[]> keys =
        PagingKeys.load(
            props(CONFIGURED, List.of(Base64.getEncoder().encodeToString(retired))),
            () -> {
              throw new AssertionError("the demo's key is not asked for when one is set");
            });
    assertThat(keys).hasSize(2);
    assertThat(keys.get(0)).isEqualTo(new byte[32]);
    assertThat(keys.get(1)).isEqualTo(retired);
  }

  @Test
  void loadWhenKeyTooShortOrNotBase64ThenRefused() {
    assertThatThrownBy(() -> PagingKeys.load(props("AAAA", List.of()), null))
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> PagingKeys.load(props("not base64!", List.of()), null))
        .hasMessageContaining("not base64");
  }
}
