// Copyright The loopback-security-monorepo authors. License: MIT.

import {InvocationContext, ValueOrPromise} from '@loopback/core';
import {Principal, UserProfile} from '@loopback/security';
import {AuthorizationErrorCode, createAuthorizationError} from '../errors';
import {getBoundValue} from '../helpers/bound-value';
import {describeValue} from '../helpers/describe-value';
import {frozenCopy} from '../helpers/frozen-copy';
import {isPromiseLike, securityId, USER_KEY} from '../helpers/hot-path';
import {Deadline, within} from './deadline';

/**
 * Stage 1, the caller: the principals of the user of a call, built once for
 * every later stage and the decision record. Only a missing user is
 * anonymous: `''` or `0` bound as a user is a bug, which the principal
 * factory rejects. The principals are frozen all the way down (the
 * principal is a copy of the profile, its nested values copied too): a role
 * mapper or a voter cannot change who calls for the stages after it.
 *
 * @param invocationCtx - The invocation
 * @param deadline - The deadline of the decision, if any
 */
export function findPrincipals(
  invocationCtx: InvocationContext,
  deadline?: Deadline,
): ValueOrPromise<Principal[]> {
  const user = within(
    deadline,
    getBoundValue(invocationCtx, USER_KEY),
    'resolving the user',
  );
  if (isPromiseLike(user)) return Promise.resolve(user).then(principalsOf);
  return principalsOf(user);
}

const ANONYMOUS: Principal[] = Object.freeze([]) as unknown as Principal[];

function principalsOf(user: UserProfile | undefined | null): Principal[] {
  if (user == null) return ANONYMOUS;
  const principal = createPrincipalFromUserProfile(user);
  // Frozen all the way down: the nested values of the profile (its `roles`,
  // say) are copied, so that no voter, mapper or listener changes what the
  // others see, and the decision record takes the principal as it is
  for (const key in principal) {
    const value: unknown = principal[key];
    if (typeof value === 'object' && value !== null) {
      principal[key] = frozenCopy(value);
    }
  }
  return Object.freeze([Object.freeze(principal)]) as Principal[];
}

/**
 * Turn the user profile of a request into the principal that voters see:
 * every field of the profile, plus `type: 'USER'` and a `name` that defaults
 * to the profile's id.
 *
 * @remarks
 * `type` is always `USER`: a profile field cannot make the caller look like
 * another kind of principal. A finite number as the id is taken as its
 * decimal string (`42` becomes `'42'`), as applications with numeric user
 * ids put them there; a profile without an id, or with an empty string, a
 * non-finite number or anything else, is rejected, as voters could not tell
 * who is calling.
 *
 * @param user - The user profile bound to `security.user`
 */
export function createPrincipalFromUserProfile(user: UserProfile): Principal {
  if (user == null || typeof user !== 'object') {
    throw invalidUser(`expected an object, got ${describeValue(user)}`);
  }
  const id = principalIdOf(user[securityId]);
  const name = typeof user.name === 'string' && user.name ? user.name : id;
  // Object.assign copies several times faster than a spread, but for an own
  // "__proto__" field (a profile parsed from JSON) it would set the
  // principal's prototype: such a profile is copied with a spread, which
  // defines the field as data
  const principal: Principal = Object.prototype.hasOwnProperty.call(
    user,
    '__proto__',
  )
    ? {...user}
    : Object.assign({}, user);
  principal.name = name;
  principal.type = 'USER';
  principal[securityId] = id;
  return principal;
}

/**
 * The principal id of a profile's `[securityId]`: a non-empty string as it
 * is, a finite number as its decimal string.
 *
 * @remarks
 * Exported so that every package that reads `security.user` takes the same
 * id as the voters do.
 *
 * @param id - The `[securityId]` of a user profile
 * @throws An `AuthorizationError` (500, `INVALID_USER`) for anything else
 */
export function principalIdOf(id: unknown): string {
  if (typeof id === 'string' && id !== '') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  throw invalidUser(
    `its [securityId] must be a non-empty string or a finite number, got ${describeValue(id)}`,
  );
}

function invalidUser(what: string) {
  return createAuthorizationError(
    `Invalid user profile bound to "security.user": ${what}`,
    500,
    AuthorizationErrorCode.INVALID_USER,
  );
}
