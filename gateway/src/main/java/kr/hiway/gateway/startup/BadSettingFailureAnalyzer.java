package kr.hiway.gateway.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/** Reports a {@link BadSettingException} as one line naming the setting, without a stack trace. */
class BadSettingFailureAnalyzer extends AbstractFailureAnalyzer<BadSettingException>
    implements Ordered {

  @Override
  protected FailureAnalysis analyze(Throwable root, BadSettingException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
