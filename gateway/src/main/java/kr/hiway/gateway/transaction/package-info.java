/** Work deferred until the current database transaction has committed. */
package kr.hiway.gateway.transaction;
