/** National identifiers at rest: sealed with AES-GCM, found by a keyed hash (PIPA art. 24-2). */
package kr.hiway.gateway.pii;
