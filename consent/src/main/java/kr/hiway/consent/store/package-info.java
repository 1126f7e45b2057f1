/**
 * JDBC storage of consents on PostgreSQL or H2 ({@link kr.hiway.consent.store.ConsentStore}):
 * immutable versions, one transaction per write, no cache.
 */
package kr.hiway.consent.store;
