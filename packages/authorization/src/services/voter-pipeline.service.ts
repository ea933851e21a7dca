// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  BindingAddress,
  BindingKey,
  InvocationContext,
  isPromiseLike,
  ValueOrPromise,
} from '@loopback/core';
import debugFactory from 'debug';
import {AuthorizationErrorCode, createAuthorizationError} from '../errors';
import {AuthorizationTags} from '../keys';
import {
  AuthorizationContext,
  AuthorizationDecision,
  AuthorizationMetadata,
  Authorizer,
} from '../types';
import {AuthorizationVote} from '../extensions';
import {ResolvedAuthorizationOptions} from './component-options.service';
import {TaggedValues} from './tagged-values.service';
import {
  checkVote,
  checkVoter,
  timeoutError,
  voterName,
  VoterSource,
  withTimeout,
} from './vote';

const debug = debugFactory('loopback:authorization:voters');

const NO_VOTERS: readonly never[] = [];

/**
 * The voters of a call and the vote: the voters of the metadata, then the
 * tagged authorizers, each vote checked, until one votes the `precedence`
 * decision or none is left.
 */
export class VoterPipeline {
  private readonly authorizers = new TaggedValues<Authorizer>(
    AuthorizationTags.AUTHORIZER,
  );

  /**
   * Ask the voters, and decide
   * @param options - The options in force
   * @param metadata - The metadata of the method
   * @param authorizationCtx - The authorization context of the call
   * @param votes - Where to record each vote, for decision listeners
   */
  async vote(
    options: ResolvedAuthorizationOptions,
    metadata: AuthorizationMetadata,
    authorizationCtx: AuthorizationContext,
    votes?: AuthorizationVote[],
  ): Promise<AuthorizationDecision> {
    const invocationCtx = authorizationCtx.invocationContext;
    const resource = authorizationCtx.resource;
    let decision: AuthorizationDecision | undefined;
    let source: VoterSource;
    let voter: unknown;
    let result: unknown;
    const voters = metadata.voters ?? NO_VOTERS;
    const tagged = this.authorizers.bindings(invocationCtx);
    // One loop over both lists, without an intermediate array
    for (let i = 0; i < voters.length + tagged.length; i++) {
      if (i >= voters.length) {
        source = tagged[i - voters.length];
        voter = this.authorizers.value(source, invocationCtx);
      } else if (typeof voters[i] === 'function') {
        voter = source = voters[i] as Authorizer;
      } else {
        const key = voters[i] as BindingAddress<Authorizer>;
        source = key;
        voter = this.resolveVoterKey(key, resource, invocationCtx);
      }
      if (isPromiseLike(voter)) voter = await voter;
      result = this.ask(voter, source, authorizationCtx, metadata, options);
      if (isPromiseLike(result)) result = await result;
      const vote = checkVote(result, source, resource);
      if (debug.enabled)
        debug('%s: %s voted %s', resource, voterName(source), vote);
      votes?.push({voter: voterName(source), decision: vote});
      if (vote === options.precedence) return vote;
      if (vote !== AuthorizationDecision.ABSTAIN) decision = vote;
    }
    return decision ?? options.defaultDecision;
  }

  /**
   * Call one voter; its vote is checked by the caller
   */
  private ask(
    voter: unknown,
    source: VoterSource,
    authorizationCtx: AuthorizationContext,
    metadata: AuthorizationMetadata,
    options: ResolvedAuthorizationOptions,
  ): unknown {
    checkVoter(voter, source, authorizationCtx.resource);
    const pending: unknown = voter(authorizationCtx, metadata);
    if (!options.voterTimeout) return pending;
    return withTimeout(pending, options.voterTimeout, () =>
      timeoutError(source, authorizationCtx.resource, options),
    );
  }

  /**
   * Resolve a voter given to `@authorize` by key. A plain key's binding
   * value is kept as a tagged one's is; a key with a property path is
   * resolved on every call.
   */
  private resolveVoterKey(
    key: BindingAddress<Authorizer>,
    resource: string,
    invocationCtx: InvocationContext,
  ): ValueOrPromise<unknown> {
    const {key: bindingKey, propertyPath} = BindingKey.parseKeyWithPath(key);
    const binding = invocationCtx.getBinding<Authorizer>(bindingKey, {
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
    return this.authorizers.value(binding, invocationCtx);
  }
}
