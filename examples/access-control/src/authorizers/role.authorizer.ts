// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  ANONYMOUS,
  AUTHENTICATED,
  AuthorizationContext,
  AuthorizationDecision,
  AuthorizationMetadata,
  Authorizer,
  EVERYONE,
  UNAUTHENTICATED,
} from '@loopback/authorization';
import {Provider} from '@loopback/core';
import {Principal} from '@loopback/security';

/**
 * The roles a caller plays: the built-in ones that follow from being logged
 * in or not, plus the `roles` claim of its user.
 *
 * @remarks
 * Claimed roles that start with `$` are ignored: built-in roles follow from
 * the request, and a stored role must not be able to pose as one.
 */
export function rolesOf(ctx: AuthorizationContext): Set<string> {
  const roles = new Set([EVERYONE]);
  const user: Principal | undefined = ctx.principals[0];
  if (user === undefined) {
    roles.add(UNAUTHENTICATED);
    roles.add(ANONYMOUS);
    return roles;
  }
  roles.add(AUTHENTICATED);
  const claimed: unknown[] = [
    ...(Array.isArray(user.roles) ? user.roles : []),
    // Empty with the current package; read for when it maps roles itself.
    ...ctx.roles.map(role => role.name),
  ];
  for (const role of claimed) {
    if (typeof role === 'string' && !role.startsWith('$')) roles.add(role);
  }
  return roles;
}

/**
 * Vote on `allowedRoles` and `deniedRoles`.
 *
 * - Deny when the caller plays a denied role, even if it plays an allowed one
 *   too: denied wins.
 * - Allow when it plays an allowed role.
 * - Abstain otherwise, and when the metadata names no roles, so that other
 *   voters (the owner of an order) can still allow, and the default decision
 *   (Deny) applies when none does.
 *
 * @param ctx - The authorization context; `principals` is empty for an
 * anonymous caller
 * @param metadata - The `@authorize` metadata of the method
 */
export async function authorizeByRole(
  ctx: AuthorizationContext,
  metadata: AuthorizationMetadata,
): Promise<AuthorizationDecision> {
  const {allowedRoles = [], deniedRoles = []} = metadata;
  if (allowedRoles.length === 0 && deniedRoles.length === 0) {
    return AuthorizationDecision.ABSTAIN;
  }
  const roles = rolesOf(ctx);
  if (deniedRoles.some(role => roles.has(role))) {
    return AuthorizationDecision.DENY;
  }
  if (allowedRoles.some(role => roles.has(role))) {
    return AuthorizationDecision.ALLOW;
  }
  return AuthorizationDecision.ABSTAIN;
}

/**
 * Provides {@link authorizeByRole}, for a binding tagged
 * `AuthorizationTags.AUTHORIZER`
 */
export class RoleAuthorizerProvider implements Provider<Authorizer> {
  /**
   * The authorizer function
   */
  value(): Authorizer {
    return authorizeByRole;
  }
}
