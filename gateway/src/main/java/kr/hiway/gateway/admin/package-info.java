/** The operator's API: the hospital registry, each hospital's health and its metrics. */
package kr.hiway.gateway.admin;
