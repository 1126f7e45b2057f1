/** The gateway application: its entry point and the wiring between its packages. */
package kr.hiway.gateway;
