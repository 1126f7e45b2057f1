/**
 * The hospital registry: which hospitals exist, where they answer, and the linkage key shared with
 * each.
 */
package kr.hiway.gateway.registry;
