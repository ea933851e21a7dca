// Copyright The loopback-security-monorepo authors. License: MIT.

import {Binding, BindingAddress} from '@loopback/core';
import {
  AuthorizationDecision,
  AuthorizationVerdict,
  AuthorizerResult,
} from '../contracts/decision';
import {AuthorizationErrorCode, createAuthorizationError} from '../errors';
import {describeValue} from '../helpers/describe-value';

/**
 * Where a voter came from: the function given to `@authorize`, or the binding
 * it was resolved from. It names the voter in errors and decision records.
 */
export type VoterSource = Function | Readonly<Binding> | BindingAddress;

/**
 * A readable name of a voter, for errors and debug output: its binding key,
 * else its function name
 * @param source - Where the voter came from
 */
export function voterName(source: VoterSource): string {
  if (typeof source === 'function') {
    return `function ${source.name || '(anonymous)'}`;
  }
  if (typeof source === 'string') return `binding "${source}"`;
  return `binding "${source.key}"`;
}

const DECISIONS: unknown[] = [
  AuthorizationDecision.ALLOW,
  AuthorizationDecision.DENY,
  AuthorizationDecision.ABSTAIN,
];

/**
 * Check the value returned by a voter: one of the three decisions, or a
 * verdict with one of them and a non-empty reason. Anything else throws.
 *
 * @remarks
 * The published package takes any value other than `Deny` as "not a denial",
 * so `'deny'`, `false` or `undefined` let the call through. Here they stop it.
 * A verdict's fields are read once, into a frozen copy, so that a getter
 * cannot answer one thing to the check and another to the record.
 *
 * @param vote - The value the voter returned
 * @param source - The voter, to name it in the error
 * @param resource - The method being authorized, to name it in the error
 */
export function checkVote(
  vote: unknown,
  source: VoterSource,
  resource: string,
): AuthorizerResult {
  if (DECISIONS.includes(vote)) return vote as AuthorizationDecision;
  if (vote != null && typeof vote === 'object' && !Array.isArray(vote)) {
    const {decision, reason} = vote as Partial<AuthorizationVerdict>;
    if (
      DECISIONS.includes(decision) &&
      typeof reason === 'string' &&
      reason !== ''
    ) {
      return Object.freeze({decision: decision!, reason});
    }
  }
  throw createAuthorizationError(
    `Invalid vote from ${voterName(source)} on ${resource}: expected ` +
      `"Allow", "Deny" or "Abstain", got ${describeValue(vote)}`,
    500,
    AuthorizationErrorCode.INVALID_VOTE,
  );
}

/**
 * Reject a voter that is not a function
 * @param voter - The resolved voter
 * @param source - Where it came from
 * @param resource - The method being authorized
 */
export function checkVoter(
  voter: unknown,
  source: VoterSource,
  resource: string,
): asserts voter is Function {
  if (typeof voter === 'function') return;
  throw createAuthorizationError(
    `Invalid voter ${voterName(source)} on ${resource}: expected an ` +
      `authorizer function, got ${describeValue(voter)}`,
    500,
    AuthorizationErrorCode.INVALID_VOTER,
  );
}
