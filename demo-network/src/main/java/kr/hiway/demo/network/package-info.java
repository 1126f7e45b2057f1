/**
 * The 47-hospital demo network: one adapter per tertiary hospital on loopback, serving the
 * simulated population.
 */
package kr.hiway.demo.network;
