/**
 * The zero-configuration demo: the 47-hospital network, its certificates, accounts and recipients,
 * started in this process; or, for a cluster of instances, the network run apart ({@link
 * kr.hiway.gateway.demo.NetworkMain}) and taken from the file it writes.
 */
package kr.hiway.gateway.demo;
