/** The regulator's web console, served as static pages. */
package kr.hiway.gateway.console;
