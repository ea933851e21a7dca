// Copyright The loopback-security-monorepo authors. License: MIT.

import {InvocationContext, InvocationResult, Next} from '@loopback/core';
import {Principal, Role} from '@loopback/security';
import debugFactory from 'debug';
import {AuthorizationContext} from '../contracts/authorizer';
import {AuthorizationDecision} from '../contracts/decision';
import {AuthorizationMetadata} from '../contracts/metadata';
import {isPromiseLike, securityId} from '../helpers/hot-path';
import {ResolvedAuthorizationOptions} from '../options/options.reader';
import {findPrincipals} from './caller.stage';
import {Deadline} from './deadline';
import {createDenialError} from './denial.stage';
import {mapGrants, NO_GRANTS} from './grants.stage';
import {findListeners, notifyListeners} from './listeners.stage';
import {createDecisionRecord} from './record.stage';
import {Ballot, castVotes, failedBallot} from './vote.stage';

const debug = debugFactory('loopback:authorization:decision');

/**
 * Decide one call, for every call alike, with decision listeners or
 * without, in six stages, each in a file of its own and called here in this
 * order: (1) the caller's principals, found once (`caller.stage.ts`); (2)
 * their roles and scopes, mapped (`grants.stage.ts`); (3) the vote
 * (`vote.stage.ts`); (4) the record of the decision (`record.stage.ts`) and
 * (5) the listeners who get it (`listeners.stage.ts`), if any; then (6) the
 * denial (`denial.stage.ts`) or the error that stopped the decision is
 * thrown, or the call proceeds. Before the first stage, the listeners are
 * looked up, since whether anyone listens decides whether a record is kept.
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
  let principals: Principal[] = [];
  let grants = NO_GRANTS;
  let ballot: Ballot;
  try {
    // (1) the caller
    const found = findPrincipals(invocationCtx, deadline);
    principals = isPromiseLike(found) ? await found : found;
    // (2) the grants
    const mapped = mapGrants(
      principals,
      invocationCtx,
      options.hierarchy,
      deadline,
    );
    grants = isPromiseLike(mapped) ? await mapped : mapped;
    // (3) the vote. Frozen, as the principals are: one voter cannot change
    // the roles or scopes the voters after it see
    const authorizationCtx: AuthorizationContext = {
      principals,
      roles: grants === NO_GRANTS ? NO_ROLES : frozenRoles(grants.roles),
      scopes: grants === NO_GRANTS ? NO_SCOPES : frozenList(grants.scopes),
      resource,
      invocationContext: invocationCtx,
    };
    ballot = await castVotes(
      authorizationCtx,
      metadata,
      options,
      listeners.length > 0,
      deadline,
    );
  } catch (error) {
    // The caller or the grants could not be found: no vote was cast
    ballot = failedBallot(error);
  }
  if (debug.enabled) debug('%s: %s', resource, ballot.decision);
  if (listeners.length > 0) {
    // (4) the record, (5) the listeners
    const record = createDecisionRecord(
      resource,
      metadata,
      principals,
      grants,
      ballot,
      performance.now() - started,
      true,
    );
    const notified = notifyListeners(
      listeners,
      invocationCtx,
      record,
      deadline,
    );
    if (isPromiseLike(notified)) await notified;
  }
  // (6) the denial, or the call
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
