// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationCaller,
  AuthorizationDecision,
  AuthorizationDecisionRecord,
} from '@loopback/authorization';
import {securityId} from '@loopback/security';
import {decidedByVotes, ruleOfReason} from './decided-by';
import {Explanation} from './explanation';
import {describeError, statusOf} from './run-decision';

const {ALLOW, DENY} = AuthorizationDecision;

/**
 * The explanation of what the pipeline decided: the decision, what decided
 * it, every vote (with the rule its reason names) and the caller
 * @param outcome - Whether the pipeline let the call pass, and its error
 * @param record - The pipeline's decision record, if it made one
 * @param caller - The caller it built, if any
 */
export function describeDecision(
  outcome: {passed: boolean; error?: unknown},
  record: AuthorizationDecisionRecord | undefined,
  caller: AuthorizationCaller | undefined,
): Explanation {
  const votes = (record?.votes ?? []).map(vote => {
    const rule = ruleOfReason(vote.reason);
    return {
      voter: vote.voter,
      decision: vote.decision,
      ...(vote.reason !== undefined && {reason: vote.reason}),
      ...(rule !== undefined && {rule}),
    };
  });
  const explanation = describeCaller(caller, {
    decision: outcome.passed ? ALLOW : DENY,
    decidedBy: record
      ? decidedByVotes(record.votes, record.error)
      : outcome.passed
        ? {kind: 'skipped', reason: 'no authorization rule applies'}
        : {kind: 'error', reason: describeError(outcome.error).message},
    votes,
    notes: [],
  });
  if (!outcome.passed) {
    explanation.status = statusOf(outcome.error);
    explanation.error = describeError(outcome.error);
  }
  return explanation;
}

/**
 * An explanation with the caller's roles, scopes and user (the first
 * principal's id and name)
 * @param caller - The caller, if any
 * @param rest - The decision, what decided it, the votes and the notes
 */
export function describeCaller(
  caller: AuthorizationCaller | undefined,
  rest: Pick<Explanation, 'decision' | 'decidedBy' | 'votes' | 'notes'>,
): Explanation {
  const explanation: Explanation = {
    ...rest,
    roles: [...(caller?.roles ?? [])],
    scopes: [...(caller?.scopes ?? [])],
  };
  const principal = caller?.principals[0];
  if (principal) {
    const name: unknown = principal.name;
    explanation.user = {id: String(principal[securityId])};
    if (typeof name === 'string') explanation.user.name = name;
  }
  return explanation;
}
