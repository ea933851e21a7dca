// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationDecision,
  AuthorizationVote,
} from '@loopback/authorization';

/**
 * What decided a call
 *
 * - `vote`: the vote at `voteIndex` (the last vote that was not an
 *   abstention, which the pipeline's count keeps);
 * - `default`: every voter abstained, the `defaultDecision` option decided;
 * - `error`: an error stopped the decision (a denial, with its status);
 * - `instance`: the door let the call in, the instance check of the guarded
 *   repository refuses it (404, or 403 for a write of a readable instance);
 * - `consoleRole`: the vote let the call in, the console's own role check
 *   refuses it (a route of the console's API, for a caller without one of
 *   its roles: 401 or 403);
 * - `rule` / `noRule`: asked about a resource and an action, the policy
 *   rules decided, by a rule or because none allows;
 * - `skipped`: the method's `@authorize` skips authorization, or none
 *   applies (the route is public, or nothing protects it);
 * - `notController`: the route is not a controller method, authorization
 *   never sees it;
 * - `parameters`: the request's parameters are refused (400) before
 *   authorization runs;
 * - `authentication`: authentication's check of the user refuses it (a
 *   deleted, disabled or revoked user: 401) before authorization runs.
 */
export type DecidedByKind =
  | 'vote'
  | 'default'
  | 'error'
  | 'instance'
  | 'consoleRole'
  | 'rule'
  | 'noRule'
  | 'skipped'
  | 'notController'
  | 'parameters'
  | 'authentication';

/**
 * What decided a call, and why
 */
export interface DecidedBy {
  /**
   * The kind of thing that decided
   */
  kind: DecidedByKind;
  /**
   * For a vote: its place among the votes
   */
  voteIndex?: number;
  /**
   * For a vote: the voter's name
   */
  voter?: string;
  /**
   * The policy rule that decided, when one did
   */
  rule?: string;
  /**
   * The voter's reason, or a sentence that says why
   */
  reason?: string;
}

/**
 * The prefix of the reason of a vote of the policy voter that a rule decided
 */
const RULE_REASON = 'rule:';

/**
 * The policy rule a vote's reason names, if any
 * @param reason - The reason of a vote
 */
export function ruleOfReason(reason: string | undefined): string | undefined {
  return reason?.startsWith(RULE_REASON)
    ? reason.slice(RULE_REASON.length)
    : undefined;
}

/**
 * What decided, from the votes the pipeline counted: the last vote that was
 * not an abstention (a decisive vote ends the count, so it is the last),
 * else the default decision; an error decides before any vote
 * @param votes - The votes, in order
 * @param error - What stopped the decision, if anything
 */
export function decidedByVotes(
  votes: readonly AuthorizationVote[],
  error?: {message?: unknown},
): DecidedBy {
  if (error) {
    return {kind: 'error', reason: String(error.message ?? error)};
  }
  for (let i = votes.length - 1; i >= 0; i--) {
    const vote = votes[i];
    if (vote.decision === AuthorizationDecision.ABSTAIN) continue;
    const decided: DecidedBy = {kind: 'vote', voteIndex: i, voter: vote.voter};
    if (vote.reason !== undefined) decided.reason = vote.reason;
    const rule = ruleOfReason(vote.reason);
    if (rule !== undefined) decided.rule = rule;
    return decided;
  }
  return {kind: 'default', reason: 'every voter abstained'};
}
