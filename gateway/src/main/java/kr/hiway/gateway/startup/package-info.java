/** Production mode's start-up check: no database, public URL, key or CA is ever guessed. */
package kr.hiway.gateway.startup;
