// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationCaller,
  AuthorizationContext,
  principalIdOf,
} from '@loopback/authorization';
import {securityId, UserProfile} from '@loopback/security';
import {PolicyCaller} from './types';

/**
 * The anonymous caller
 */
export const ANONYMOUS_CALLER: PolicyCaller = Object.freeze({
  roles: Object.freeze([]) as readonly string[],
  attributes: Object.freeze({}),
});

/**
 * The caller of an authorization context: its principal's id and fields, and
 * the role names the role mappers found
 * @param ctx - The authorization context
 */
export function callerFromAuthorizationContext(
  ctx: Pick<AuthorizationContext, 'principals' | 'roles'>,
): PolicyCaller {
  const principal = ctx.principals[0];
  if (!principal) return ANONYMOUS_CALLER;
  return freezeCaller(
    principal[securityId],
    ctx.roles.map(r => r.name),
    principal,
  );
}

/**
 * The caller as the authorization interceptor builds it for a request
 * (`resolveAuthorizationCaller` of `@loopback/authorization`): its
 * principal's id and fields, and the role names the role mappers found
 * @param caller - The caller of the request
 */
export function callerFromAuthorizationCaller(
  caller: AuthorizationCaller,
): PolicyCaller {
  const principal = caller.principals[0];
  if (!principal) return ANONYMOUS_CALLER;
  return freezeCaller(principal[securityId], [...caller.roles], principal);
}

/**
 * The caller of a user profile, with the role names in its `roles` field
 * (an array of strings), the way the profile role mapper reads them
 *
 * @remarks
 * The id is read as the voters of `@loopback/authorization` read it
 * (`principalIdOf`): a finite number becomes its decimal string. A profile
 * whose id cannot be used fails with 500 rather than pass as anonymous,
 * which would let it past the rules that name it.
 *
 * @param user - The user profile; `undefined` for an anonymous caller
 */
export function callerFromUserProfile(
  user: UserProfile | undefined,
): PolicyCaller {
  if (user == null) return ANONYMOUS_CALLER;
  const roles = Array.isArray(user.roles)
    ? user.roles.filter((r: unknown): r is string => typeof r === 'string')
    : [];
  return freezeCaller(user[securityId], roles, user);
}

function freezeCaller(
  id: unknown,
  roles: string[],
  attributes: object,
): PolicyCaller {
  // Throws for an id that cannot be used, as the voters do
  const principalId = principalIdOf(id);
  return Object.freeze({
    id: principalId,
    roles: Object.freeze(roles),
    // A copy: a rule reads the attributes as they were when asked; `$user.id`
    // is the principal's id when the profile has no `id` field of its own
    attributes: Object.freeze({id: principalId, ...attributes}),
  });
}
