/**
 * The HAPI-facing FHIR API at /fhir: resource providers, paging, discovery and the capability
 * statement.
 */
package kr.hiway.gateway.api;
