// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  BindingAddress,
  BindingKey,
  InvocationContext,
  isPromiseLike,
  ValueOrPromise,
} from '@loopback/core';
import debugFactory from 'debug';
import {AuthorizationContext} from '../contracts/authorizer';
import {AuthorizationDecision} from '../contracts/decision';
import {AuthorizationVote} from '../contracts/decision-record';
import {AuthorizationMetadata, MetadataVoter} from '../contracts/metadata';
import {AuthorizationErrorCode, createAuthorizationError} from '../errors';
import {valueOf} from '../helpers/bound-value';
import {Deadline, within} from '../helpers/deadline';
import {findTagged} from '../helpers/tagged-bindings';
import {ResolvedAuthorizationOptions} from '../options/authorization-options.validator';
import {checkVote, checkVoter, voterName, VoterSource} from './vote.validator';

const debug = debugFactory('loopback:authorization:voters');

const NO_VOTERS: readonly never[] = [];
const NO_VOTES: readonly AuthorizationVote[] = Object.freeze([]);

/**
 * The outcome of the vote: the decision, the votes cast (when asked to
 * record them) and the error that stopped the vote, if any
 */
export interface Ballot {
  /**
   * The decision; Deny when the vote failed
   */
  readonly decision: AuthorizationDecision;
  /**
   * The votes cast, in order, up to the failure if any
   */
  readonly votes: readonly AuthorizationVote[];
  /**
   * What stopped the vote
   */
  readonly error?: unknown;
}

/**
 * Stage 3, the vote: the voters of the metadata, then the authorizers the
 * invocation context sees now, each vote checked, until one votes the
 * `precedence` decision or none is left; then the `defaultDecision` if all
 * abstained.
 *
 * @param authorizationCtx - The authorization context of the call
 * @param metadata - The metadata in force, frozen
 * @param options - The options in force
 * @param deadline - The deadline of the decision, if any
 * @param recordVotes - Whether to return the votes, for decision listeners
 */
export async function castVotes(
  authorizationCtx: AuthorizationContext,
  metadata: AuthorizationMetadata,
  options: ResolvedAuthorizationOptions,
  deadline: Deadline | undefined,
  recordVotes: boolean,
): Promise<Ballot> {
  const {invocationContext: invocationCtx, resource} = authorizationCtx;
  const votes: AuthorizationVote[] | undefined = recordVotes ? [] : undefined;
  let decision: AuthorizationDecision | undefined;
  try {
    const voters = metadata.voters ?? NO_VOTERS;
    const tagged = findTagged<MetadataVoter>(invocationCtx, 'authorizers');
    // One loop over both lists, without an intermediate array
    for (let i = 0; i < voters.length + tagged.length; i++) {
      let source: VoterSource;
      let voter: ValueOrPromise<unknown>;
      if (i >= voters.length) {
        source = tagged[i - voters.length];
        voter = valueOf(source, invocationCtx);
      } else if (typeof voters[i] === 'function') {
        voter = source = voters[i] as MetadataVoter;
      } else {
        source = voters[i] as BindingAddress<MetadataVoter>;
        voter = resolveVoterKey(source, resource, invocationCtx);
      }
      if (isPromiseLike(voter)) {
        voter = await within(deadline, voter, `resolving ${voterName(source)}`);
      }
      checkVoter(voter, source, resource);
      let result: unknown = voter(authorizationCtx, metadata);
      if (isPromiseLike(result)) {
        result = await within(deadline, result, voterName(source));
      }
      const checked = checkVote(result, source, resource);
      const vote = typeof checked === 'string' ? checked : checked.decision;
      if (debug.enabled) {
        debug('%s: %s voted %s', resource, voterName(source), vote);
      }
      if (votes) {
        votes.push(
          typeof checked === 'string'
            ? {voter: voterName(source), decision: vote}
            : {
                voter: voterName(source),
                decision: vote,
                reason: checked.reason,
              },
        );
      }
      if (vote === options.precedence) {
        return {decision: vote, votes: votes ?? NO_VOTES};
      }
      if (vote !== AuthorizationDecision.ABSTAIN) decision = vote;
    }
  } catch (error) {
    return {
      decision: AuthorizationDecision.DENY,
      votes: votes ?? NO_VOTES,
      error,
    };
  }
  return {
    decision: decision ?? options.defaultDecision,
    votes: votes ?? NO_VOTES,
  };
}

/**
 * Resolve a voter given to `@authorize` by key, from the invocation context
 */
function resolveVoterKey(
  key: BindingAddress<MetadataVoter>,
  resource: string,
  invocationCtx: InvocationContext,
): ValueOrPromise<unknown> {
  const {key: bindingKey, propertyPath} = BindingKey.parseKeyWithPath(key);
  const binding = invocationCtx.getBinding<MetadataVoter>(bindingKey, {
    optional: true,
  });
  if (binding == null) {
    throw createAuthorizationError(
      `Voter binding "${key.toString()}" of ${resource} is not bound`,
      500,
      AuthorizationErrorCode.INVALID_VOTER,
    );
  }
  if (propertyPath) return invocationCtx.getValueOrPromise(key);
  return valueOf(binding, invocationCtx);
}
