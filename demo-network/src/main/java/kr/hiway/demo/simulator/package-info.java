/**
 * A deterministic synthetic Korean population and the simulated hospitals that hold its records.
 */
package kr.hiway.demo.simulator;
