/**
 * Work deferred until the current database transaction has committed, and the connection settings
 * the group commit needs from PostgreSQL.
 */
package kr.hiway.gateway.transaction;
