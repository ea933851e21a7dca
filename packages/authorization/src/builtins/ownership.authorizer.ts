// Copyright The loopback-security-monorepo authors. License: MIT.

import {securityId} from '@loopback/security';
import {AuthorizationContext, Authorizer} from '../contracts/authorizer';
import {AuthorizationDecision} from '../contracts/decision';
import {OwnershipMetadata, OwnerResolver} from '../contracts/metadata';
import {AuthorizationErrorCode, createAuthorizationError} from '../errors';
import {describeValue} from '../helpers/describe-value';

/**
 * The ownership authorizer, for methods whose metadata has `ownership`:
 * Allow when the caller's user id is among the owners of the instance the
 * call acts on, else Abstain, so that roles may still allow others.
 *
 * @remarks
 * A missing instance (the owner resolver returns `undefined`, or throws a
 * 404 error such as the `ENTITY_NOT_FOUND` of a repository's `findById`) is
 * owned by nobody: the call is then decided as for a foreign instance, so a
 * caller who may only see their own instances cannot tell a missing one from
 * someone else's.
 */
export const ownershipAuthorizer: Authorizer = async (ctx, metadata) => {
  const ownership = metadata.ownership;
  const user = ctx.principals.find(p => p.type === 'USER');
  if (ownership == null || user == null) return AuthorizationDecision.ABSTAIN;
  const instanceId = instanceIdOf(ownership, ctx.invocationContext.args);
  if (instanceId == null) return AuthorizationDecision.ABSTAIN;
  const owners = await findOwners(ownership, instanceId, ctx);
  return owners.includes(user[securityId])
    ? AuthorizationDecision.ALLOW
    : AuthorizationDecision.ABSTAIN;
};

function instanceIdOf(ownership: OwnershipMetadata, args: unknown[]) {
  const from = ownership.instanceId ?? 0;
  return typeof from === 'function' ? from(args) : args[from];
}

async function findOwners(
  ownership: OwnershipMetadata,
  instanceId: unknown,
  ctx: AuthorizationContext,
): Promise<string[]> {
  const {owner} = ownership;
  const resolver =
    typeof owner === 'function'
      ? owner
      : await ctx.invocationContext.get<OwnerResolver>(owner);
  if (typeof resolver !== 'function') {
    throw createAuthorizationError(
      `Invalid owner resolver "${owner.toString()}" of ${ctx.resource}: ` +
        `expected a function, got ${describeValue(resolver)}`,
      500,
      AuthorizationErrorCode.INVALID_VOTER,
    );
  }
  let owners: unknown;
  try {
    owners = await resolver(instanceId, ctx);
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
  if (owners === undefined || owners === null) return [];
  const list = Array.isArray(owners) ? owners : [owners];
  if (!list.every(isOwnerId)) {
    throw createAuthorizationError(
      `Invalid owners of ${describeValue(instanceId)} for ${ctx.resource}: ` +
        `expected a user id (a non-empty string or a finite number) or an ` +
        `array of them, got ${describeValue(owners)}`,
      500,
      AuthorizationErrorCode.INVALID_VOTER,
    );
  }
  // Ids are compared as strings, the type of `securityId`
  return list.map(String);
}

/**
 * A usable owner id: a non-empty string, or a finite number. `NaN` or
 * `Infinity` would become the id "NaN" or "Infinity" of some user, who would
 * then own every such instance.
 */
function isOwnerId(id: unknown): boolean {
  return typeof id === 'string' ? id !== '' : Number.isFinite(id);
}

function isNotFound(err: unknown): boolean {
  const e = err as {statusCode?: unknown; code?: unknown} | null;
  return e?.statusCode === 404 || e?.code === 'ENTITY_NOT_FOUND';
}
