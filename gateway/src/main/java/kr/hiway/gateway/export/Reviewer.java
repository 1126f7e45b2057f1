package kr.hiway.gateway.export;

/**
 * A reviewer's decision on an export held for its risk: who (a trust-center staff member, through
 * which client) and why.
 */
record Reviewer(String clientId, String subject, String reason) {}
