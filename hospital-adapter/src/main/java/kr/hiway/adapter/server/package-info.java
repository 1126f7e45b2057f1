/**
 * The adapter's FHIR R4 server: the read and search API the gateway calls, over any HospitalSource.
 */
package kr.hiway.adapter.server;
