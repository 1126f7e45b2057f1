/**
 * Sign-in accounts: patients of the demo identity provider and staff (regulators, trust center,
 * operators).
 */
package kr.hiway.gateway.account;
