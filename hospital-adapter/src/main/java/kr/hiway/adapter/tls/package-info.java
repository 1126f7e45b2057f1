/**
 * The adapter's mutual TLS: its certificate from the gateway CA, and trust in the gateway alone as
 * a client.
 */
package kr.hiway.adapter.tls;
