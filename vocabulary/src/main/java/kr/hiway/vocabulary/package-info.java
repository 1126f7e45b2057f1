/**
 * What the gateway and the hospitals share: the record types, whose a record is, the linkage token,
 * a hospital's identity and the error codes.
 */
package kr.hiway.vocabulary;
