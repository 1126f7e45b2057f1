package kr.hiway.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class FanOutConfigurationTest {

  final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withBean(FhirContext.class, FhirContext::forR4Cached)
          .withUserConfiguration(FanOutConfiguration.class);

  @Test
  void contextWhenNoPropertiesThenOneFanOutWithDefaults() {
    context.run(ctx -> {
      assertThat(ctx).hasSingleBean(FanOut.class);
      FanOutSettings settings = ctx.getBean(FanOutProperties.class).toSettings();
      FanOutSettings defaults = FanOutSettings.defaults();
      assertThat(settings.perHospitalTimeout()).isEqualTo(defaults.perHospitalTimeout());
      assertThat(settings.overallDeadline()).isEqualTo(defaults.overallDeadline());
      assertThat(settings.maxResponseBytes()).isEqualTo(defaults.maxResponseBytes());
      assertThat(settings.linkageNegativeTtl()).isEqualTo(defaults.linkageNegativeTtl());
    });
  }

  @Test
  void contextWhenPropertiesSetThenUsed() {
    context
        .withPropertyValues(
            "hiway.fanout.per-hospital-timeout=1500ms", "hiway.fanout.max-response-size=1MB")
        .run(ctx -> {
          FanOutSettings settings = ctx.getBean(FanOutProperties.class).toSettings();
          assertThat(settings.perHospitalTimeout()).isEqualTo(Duration.ofMillis(1500));
          assertThat(settings.maxResponseBytes()).isEqualTo(1024 * 1024);
        });
  }
}
