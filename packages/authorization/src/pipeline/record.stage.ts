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
 */
export function createDecisionRecord(
  resource: string,
  metadata: AuthorizationMetadata,
  principals: readonly Principal[],
  grants: CallerGrants,
  ballot: Ballot,
  durationMs: number,
): AuthorizationDecisionRecord {
  const record: AuthorizationDecisionRecord = {
    resource,
    metadata,
    principals: frozenCopy(principals),
    roles: frozenCopy(grants.roles),
    scopes: frozenCopy(grants.scopes),
    votes: frozenCopy(ballot.votes),
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
