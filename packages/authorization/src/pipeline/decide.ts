// Copyright The loopback-security-monorepo authors. License: MIT.

import {InvocationContext, InvocationResult, Next} from '@loopback/core';
import {Principal, Role} from '@loopback/security';
import debugFactory from 'debug';
import {AuthorizationContext} from '../contracts/authorizer';
import {AuthorizationDecision} from '../contracts/decision';
import {AuthorizationMetadata} from '../contracts/metadata';
import {Deadline} from './deadline';
import {isPromiseLike, securityId} from '../helpers/hot-path';
import {ResolvedAuthorizationOptions} from '../options/options.reader';
import {findPrincipals} from './caller.stage';
import {createDenialError} from './denial.stage';
import {findListeners, notifyListeners} from './listeners.stage';
import {mapGrants, NO_GRANTS} from './grants.stage';
import {createDecisionRecord} from './record.stage';
import {
  Ballot,
  CallVoters,
  checkVoter,
  voterName,
  VoteCount,
} from './vote.stage';

const debug = debugFactory('loopback:authorization:decision');

/**
 * Decide one call, for every call alike, with decision listeners or
 * without: (1) find the caller's principals, once; (2) map their roles and
 * scopes; (3) ask each voter in turn and count its vote; (4) record the
 * decision, (5) give the record to the listeners, if any; then (6) throw the
 * denial or the error that stopped the decision, or proceed with the call.
 *
 * @remarks
 * Each stage reads what it needs from the invocation context at the moment
 * of the call, so a change made to the context between two calls reaches the
 * second. Only what is pending is awaited: every `await` costs a turn of the
 * microtask queue, a large part of a decision that has little else to do.
 *
 * @param invocationCtx - The invocation
 * @param options - The options in force
 * @param metadata - The metadata in force, frozen
 * @param next - Proceeds with the call once it is allowed
 */
export async function decide(
  invocationCtx: InvocationContext,
  options: ResolvedAuthorizationOptions,
  metadata: AuthorizationMetadata,
  next: Next,
): Promise<InvocationResult> {
  const resource = invocationCtx.targetName;
  const listeners = findListeners(invocationCtx);
  const started = listeners.length > 0 ? performance.now() : 0;
  const deadline = options.voterTimeout
    ? new Deadline(options.voterTimeout, resource)
    : undefined;
  const count = new VoteCount(options, resource, listeners.length > 0);
  let principals: Principal[] = [];
  let grants = NO_GRANTS;
  let ballot: Ballot;
  try {
    const found = findPrincipals(invocationCtx, deadline);
    principals = isPromiseLike(found) ? await found : found;
    const mapped = mapGrants(
      principals,
      invocationCtx,
      options.hierarchy,
      deadline,
    );
    grants = isPromiseLike(mapped) ? await mapped : mapped;
    // Frozen, as the principals are: one voter cannot change the roles or
    // scopes the voters after it see
    const authorizationCtx: AuthorizationContext = {
      principals,
      roles: grants === NO_GRANTS ? NO_ROLES : frozenRoles(grants.roles),
      scopes: grants === NO_GRANTS ? NO_SCOPES : frozenList(grants.scopes),
      resource,
      invocationContext: invocationCtx,
    };
    const voters = new CallVoters(metadata, invocationCtx);
    // A voter is named only under a deadline, for the error of a step that
    // does not finish in time, rather than in strings built on every call
    for (let i = 0; i < voters.length && !count.decided; i++) {
      const source = voters.source(i);
      let voter = voters.resolve(i, resource);
      if (isPromiseLike(voter)) {
        voter = await (deadline
          ? deadline.wait(voter, `resolving ${voterName(source)}`)
          : voter);
      }
      checkVoter(voter, source, resource);
      let vote: unknown = voter(authorizationCtx, metadata);
      if (isPromiseLike(vote)) {
        vote = await (deadline ? deadline.wait(vote, voterName(source)) : vote);
      }
      count.add(vote, source);
    }
    ballot = count.ballot();
  } catch (error) {
    ballot = count.failed(error);
  }
  if (debug.enabled) debug('%s: %s', resource, ballot.decision);
  if (listeners.length > 0) {
    const record = createDecisionRecord(
      resource,
      metadata,
      principals,
      grants,
      ballot,
      performance.now() - started,
    );
    await notifyListeners(listeners, invocationCtx, record, deadline);
  }
  if (ballot.error !== undefined) throw ballot.error;
  if (ballot.decision === AuthorizationDecision.DENY) {
    throw createDenialError(options, principals);
  }
  // Awaited rather than returned: an async function that returns the
  // promise of the call takes two more ticks to settle than one that awaits
  // it
  // eslint-disable-next-line @typescript-eslint/return-await
  return await next();
}

const NO_ROLES = frozenList<Role>([]);
const NO_SCOPES = frozenList<string>([]);

function frozenRoles(names: readonly string[]): Role[] {
  return Object.freeze(
    names.map(name => Object.freeze({[securityId]: name, name}) as Role),
  ) as Role[];
}

function frozenList<T>(items: readonly T[]): T[] {
  // Typed as a mutable array, as `AuthorizationContext` is: a write throws
  return Object.freeze([...items]) as T[];
}
