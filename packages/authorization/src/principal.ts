// Copyright The loopback-security-monorepo authors. License: MIT.

import {Principal, UserProfile} from '@loopback/security';
import {securityId} from './helpers/hot-path';
import {describeValue} from './helpers/describe-value';
import {AuthorizationErrorCode, createAuthorizationError} from './errors';

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
