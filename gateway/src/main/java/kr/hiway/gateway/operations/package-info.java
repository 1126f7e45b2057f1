/**
 * What a load balancer and a monitoring system see of an instance: the drain before graceful
 * shutdown, and the management port's probes and metrics.
 */
package kr.hiway.gateway.operations;
