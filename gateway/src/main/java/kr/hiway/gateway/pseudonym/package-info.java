/** The pseudonym index on the gateway's database, behind trusted re-identification. */
package kr.hiway.gateway.pseudonym;
