package kr.hiway.gateway.export;

import java.util.Arrays;

/** Where a cohort export stands, as stored. */
enum ExportState {
  IN_PROGRESS("in-progress"),
  /** Assessed; reaching k suppresses more than allowed: the files wait for a reviewer. */
  AWAITING_REVIEW("awaiting-review"),
  COMPLETE("complete"),
  FAILED("failed"),
  /** A reviewer refused the release: the files are gone. */
  REJECTED("rejected");

  private final String code;

  ExportState(String code) {
    this.code = code;
  }

  String code() {
    return code;
  }

  static ExportState of(String code) {
    return Arrays.stream(values())
        .filter(s -> s.code.equals(code))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown export state " + code));
  }
}
