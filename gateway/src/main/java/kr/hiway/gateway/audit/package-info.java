/** Audit events in the IHE BALP shape, written before anything they record is released. */
package kr.hiway.gateway.audit;
