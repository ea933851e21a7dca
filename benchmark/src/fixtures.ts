// Copyright The loopback-security-monorepo authors. License: MIT.

import {AuthorizationDecision, Authorizer} from '@loopback/authorization';
import {securityId, UserProfile} from '@loopback/security';

/**
 * The user of the calls "with a user", bound to `SecurityBindings.USER` in
 * the context of each call
 */
export const BENCHMARK_USER: UserProfile = Object.freeze({
  [securityId]: 'u1',
  name: 'u1',
  roles: ['USER'],
});

/**
 * The authorization metadata of the decorated methods, the same for every
 * variant
 */
export const BENCHMARK_METADATA = Object.freeze({resource: 'greeting'});

/**
 * A voter that leaves the decision to the others
 */
export const abstainVoter: Authorizer = async () =>
  AuthorizationDecision.ABSTAIN;

/**
 * A voter that allows the call
 */
export const allowVoter: Authorizer = async () => AuthorizationDecision.ALLOW;

/**
 * A voter that denies the call
 */
export const denyVoter: Authorizer = async () => AuthorizationDecision.DENY;

/**
 * The voters of a scenario: `count - 1` that abstain, then `last`, so that
 * every voter is asked before the decision.
 *
 * @param count - How many voters, at least 1
 * @param last - The voter that decides, {@link allowVoter} by default
 */
export function benchmarkVoters(
  count: number,
  last: Authorizer = allowVoter,
): Authorizer[] {
  const voters: Authorizer[] = [];
  for (let i = 1; i < count; i++) voters.push(abstainVoter);
  voters.push(last);
  return voters;
}

/**
 * Wrap voters so that each call is counted, to check that every voter is
 * asked
 *
 * @param voters - The voters
 * @returns The wrapped voters and the counts, one a voter
 */
export function countingVoters(voters: readonly Authorizer[]): {
  voters: Authorizer[];
  counts: number[];
} {
  const counts = voters.map(() => 0);
  const wrapped = voters.map((voter, i): Authorizer => (ctx, metadata) => {
    counts[i]++;
    return voter(ctx, metadata);
  });
  return {voters: wrapped, counts};
}
