// Copyright The loopback-security-monorepo authors. License: MIT.

import {Principal} from '@loopback/security';
import {AuthorizationDecision} from '../contracts/decision';
import {AuthorizationDecisionRecord} from '../contracts/decision-record';
import {AuthorizationMetadata} from '../contracts/metadata';
import {frozenCopy} from '../helpers/frozen-copy';
import {CallerGrants} from './grants.stage';
import {Ballot} from './vote.stage';

/**
 * Stage 4, the record: what a decision listener learns of a decision, a
 * deeply frozen copy of every part, so that no listener can change what
 * another listener, a voter or a later call sees.
 *
 * @param resource - The method
 * @param metadata - The metadata in force (frozen already)
 * @param principals - The caller's principals
 * @param grants - The caller's roles and scopes
 * @param ballot - The outcome of the vote
 * @param durationMs - How long the decision took
 * @param frozen - Whether the principals, grants and votes come from the
 * stages, which make them frozen all the way down: then they are taken as
 * they are, with no check (the path of every call that has a listener)
 */
export function createDecisionRecord(
  resource: string,
  metadata: AuthorizationMetadata,
  principals: readonly Principal[],
  grants: CallerGrants,
  ballot: Ballot,
  durationMs: number,
  frozen = false,
): AuthorizationDecisionRecord {
  const keep = frozen ? asIs : frozenList;
  const record: AuthorizationDecisionRecord = {
    resource,
    metadata,
    // The stages make these frozen all the way down (the principals, and
    // lists of strings and of frozen votes of strings): kept as they are,
    // copied only when they are not
    principals: keep(principals),
    roles: keep(grants.roles),
    scopes: keep(grants.scopes),
    votes: keep(ballot.votes),
    decision:
      ballot.error === undefined &&
      ballot.decision === AuthorizationDecision.ALLOW
        ? AuthorizationDecision.ALLOW
        : AuthorizationDecision.DENY,
    durationMs,
  };
  if (ballot.error !== undefined) {
    return Object.freeze({...record, error: ballot.error as Error});
  }
  return Object.freeze(record);
}

function asIs<T>(list: readonly T[]): readonly T[] {
  return list;
}

/**
 * A list that cannot change: itself when it is frozen and so is every item
 * (strings are), else a deeply frozen copy
 */
function frozenList<T>(list: readonly T[]): readonly T[] {
  if (!Object.isFrozen(list)) return frozenCopy(list);
  for (const item of list) {
    if (typeof item === 'object' && item !== null && !Object.isFrozen(item)) {
      return frozenCopy(list);
    }
  }
  return list;
}
