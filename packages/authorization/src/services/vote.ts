// Copyright The loopback-security-monorepo authors. License: MIT.

import {Binding, BindingAddress, isPromiseLike} from '@loopback/core';
import {describeValue} from '../describe-value';
import {AuthorizationErrorCode, createAuthorizationError} from '../errors';
import {AuthorizationDecision} from '../types';

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

/**
 * Check the value returned by a voter, and reject anything that is not one of
 * the three decisions.
 *
 * @remarks
 * The published package takes any value other than `Deny` as "not a denial",
 * so `'deny'`, `false` or `undefined` let the call through. Here they stop it.
 *
 * @param vote - The value the voter returned
 * @param source - The voter, to name it in the error
 * @param resource - The method being authorized, to name it in the error
 */
export function checkVote(
  vote: unknown,
  source: VoterSource,
  resource: string,
): AuthorizationDecision {
  if (
    vote === AuthorizationDecision.ALLOW ||
    vote === AuthorizationDecision.DENY ||
    vote === AuthorizationDecision.ABSTAIN
  ) {
    return vote;
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

/**
 * Wait for a vote at most `ms` milliseconds
 * @param vote - The vote, or a promise of it
 * @param ms - The time limit
 * @param onTimeout - Makes the error to reject with when time is up
 */
export function withTimeout<T>(
  vote: T | Promise<T>,
  ms: number,
  onTimeout: () => Error,
): Promise<T> {
  if (!isPromiseLike(vote)) return Promise.resolve(vote);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([Promise.resolve(vote), expired]).finally(() =>
    clearTimeout(timer),
  );
}

/**
 * The error of a voter that did not decide in time: the call is denied
 * @param source - The voter
 * @param resource - The method being authorized
 * @param options - The options, for the time limit
 */
export function timeoutError(
  source: VoterSource,
  resource: string,
  options: {voterTimeout?: number},
) {
  return createAuthorizationError(
    `${voterName(source)} did not decide on ${resource} within ` +
      `${options.voterTimeout} ms`,
    503,
    AuthorizationErrorCode.VOTER_TIMEOUT,
  );
}
