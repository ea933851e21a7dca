// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  Binding,
  BindingKey,
  InvocationContext,
  ValueOrPromise,
} from '@loopback/core';
import debugFactory from 'debug';
import {AuthorizationDecision} from '../contracts/decision';
import {AuthorizationVote} from '../contracts/decision-record';
import {AuthorizationMetadata, MetadataVoter} from '../contracts/metadata';
import {AuthorizationErrorCode, createAuthorizationError} from '../errors';
import {valueOf} from '../helpers/bound-value';
import {findTagged} from '../helpers/tagged-bindings';
import {ResolvedAuthorizationOptions} from '../options/authorization-options.validator';
import {checkVote, voterName, VoterSource} from './vote.validator';

const debug = debugFactory('loopback:authorization:voters');

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
 * Stage 3a, the voters of a call, in the order they are asked: those of the
 * metadata, then the authorizers the invocation context sees now
 *
 * @param metadata - The metadata in force
 * @param invocationCtx - The invocation
 */
export function findVoters(
  metadata: AuthorizationMetadata,
  invocationCtx: InvocationContext,
): readonly VoterSource[] {
  const tagged = findTagged<MetadataVoter>(invocationCtx, 'authorizers');
  const voters = metadata.voters;
  if (voters == null || voters.length === 0) return tagged;
  return [...(voters as VoterSource[]), ...tagged];
}

/**
 * Stage 3b, a voter itself: a function given to `@authorize` as it is, a
 * binding or a key resolved from the invocation context
 *
 * @param source - The voter, from {@link findVoters}
 * @param resource - The method being authorized, for the error
 * @param invocationCtx - The invocation
 */
export function resolveVoter(
  source: VoterSource,
  resource: string,
  invocationCtx: InvocationContext,
): ValueOrPromise<unknown> {
  if (typeof source === 'function') return source;
  if (isBinding(source)) return valueOf(source, invocationCtx);
  const {key, propertyPath} = BindingKey.parseKeyWithPath(source);
  const binding = invocationCtx.getBinding<MetadataVoter>(key, {
    optional: true,
  });
  if (binding == null) {
    throw createAuthorizationError(
      `Voter binding "${source.toString()}" of ${resource} is not bound`,
      500,
      AuthorizationErrorCode.INVALID_VOTER,
    );
  }
  if (propertyPath) return invocationCtx.getValueOrPromise(source);
  return valueOf(binding, invocationCtx);
}

/**
 * A binding found by tag, rather than a key given to `@authorize`
 */
function isBinding(source: VoterSource): source is Readonly<Binding> {
  return typeof (source as Partial<Binding>).getValue === 'function';
}

/**
 * Stage 3c, the count: takes each vote as it is cast, checked, until one
 * votes the `precedence` decision; then gives the decision, or the
 * `defaultDecision` if all abstained
 */
export class VoteCount {
  private decision: AuthorizationDecision | undefined;
  private readonly votes: AuthorizationVote[] | undefined;

  /**
   * @param options - The options in force
   * @param resource - The method being authorized
   * @param recordVotes - Whether to keep the votes, for decision listeners
   */
  constructor(
    private readonly options: ResolvedAuthorizationOptions,
    private readonly resource: string,
    recordVotes: boolean,
  ) {
    this.votes = recordVotes ? [] : undefined;
  }

  /**
   * Count one vote; it throws on anything but a decision or a verdict
   * @param result - What the voter returned, settled
   * @param source - The voter
   * @returns Whether the vote decides, so that no later voter is asked
   */
  add(result: unknown, source: VoterSource): boolean {
    const checked = checkVote(result, source, this.resource);
    const vote = typeof checked === 'string' ? checked : checked.decision;
    if (debug.enabled) {
      debug('%s: %s voted %s', this.resource, voterName(source), vote);
    }
    if (this.votes) {
      this.votes.push(
        typeof checked === 'string'
          ? {voter: voterName(source), decision: vote}
          : {voter: voterName(source), decision: vote, reason: checked.reason},
      );
    }
    if (vote === this.options.precedence) {
      this.decision = vote;
      return true;
    }
    if (vote !== AuthorizationDecision.ABSTAIN) this.decision = vote;
    return false;
  }

  /**
   * The outcome: the decisive vote, else the last vote that was not an
   * abstention, else the default decision
   */
  ballot(): Ballot {
    const votes = this.votes ?? NO_VOTES;
    return {decision: this.decision ?? this.options.defaultDecision, votes};
  }

  /**
   * The outcome of a vote that failed: Deny, with what stopped it (even
   * `undefined`, if that is what was thrown)
   * @param error - What stopped the vote
   */
  failed(error: unknown): Ballot {
    const votes = this.votes ?? NO_VOTES;
    return {decision: AuthorizationDecision.DENY, votes, error};
  }
}
