/** The trust in the gateway CA that both ends of the network's mutual TLS build on. */
package kr.hiway.vocabulary.tls;
