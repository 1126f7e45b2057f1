/**
 * The zero-configuration demo: the 47-hospital network, its certificates, accounts and recipients,
 * started in this process.
 */
package kr.hiway.gateway.demo;
