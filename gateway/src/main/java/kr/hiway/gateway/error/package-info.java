/**
 * Errors and their one translation to a FHIR OperationOutcome with the gateway's stable codes, for
 * every API.
 */
package kr.hiway.gateway.error;
