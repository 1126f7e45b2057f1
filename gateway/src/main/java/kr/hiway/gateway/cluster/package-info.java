/** What one gateway instance tells the others at once: changes that caches everywhere must see. */
package kr.hiway.gateway.cluster;
