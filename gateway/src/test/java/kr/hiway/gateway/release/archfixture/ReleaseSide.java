package kr.hiway.gateway.release.archfixture;

import kr.hiway.gateway.fanout.archfixture.FanOutSide;

/** A deliberate offender for ArchitectureTest: the other half of a package cycle. */
public class ReleaseSide {
  public FanOutSide other;
}
