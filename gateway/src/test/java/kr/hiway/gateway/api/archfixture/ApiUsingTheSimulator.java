package kr.hiway.gateway.api.archfixture;

import kr.hiway.demo.simulator.SyntheticPopulation;

/** A deliberate offender for ArchitectureTest: the simulator outside the gateway's demo package. */
public class ApiUsingTheSimulator {
  public int persons(SyntheticPopulation population) {
    return population.size();
  }
}
