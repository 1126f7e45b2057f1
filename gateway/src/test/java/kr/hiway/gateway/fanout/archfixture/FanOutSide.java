package kr.hiway.gateway.fanout.archfixture;

import kr.hiway.gateway.release.archfixture.ReleaseSide;

/** A deliberate offender for ArchitectureTest: one half of a package cycle. */
public class FanOutSide {
  public ReleaseSide other;
}
