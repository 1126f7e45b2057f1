package kr.hiway.consent.decision;

/**
 * One rule of the decision. Voters are combined deny-overrides ({@link PreparedRequest#decide}):
 * any deny wins, else any permit, else the default deny. Implementations are stateless.
 */
interface Voter {

  Decision vote(PreparedRequest request, Subject subject);
}
