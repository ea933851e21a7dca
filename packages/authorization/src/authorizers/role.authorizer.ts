// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  ANONYMOUS,
  AUTHENTICATED,
  AuthorizationContext,
  AuthorizationDecision,
  Authorizer,
  EVERYONE,
  UNAUTHENTICATED,
} from '../types';

/**
 * Does the caller have a role, built-in roles included?
 * @param ctx - The authorization context
 * @param role - A role name
 */
export function hasRole(ctx: AuthorizationContext, role: string): boolean {
  switch (role) {
    case EVERYONE:
      return true;
    case AUTHENTICATED:
      return ctx.principals.length > 0;
    case UNAUTHENTICATED:
    case ANONYMOUS:
      return ctx.principals.length === 0;
    default:
      return ctx.roles.some(r => r.name === role);
  }
}

/**
 * The role authorizer: Deny when the caller has one of `deniedRoles`, else
 * Allow when they have one of `allowedRoles`, else Abstain. The caller's
 * roles are those of the authorization context (found by the role mappers,
 * expanded by the role hierarchy) and the built-in roles: `$everyone` for
 * every caller, `$authenticated` for a caller with a user, and
 * `$unauthenticated` and `$anonymous` for a caller without one.
 */
export const roleAuthorizer: Authorizer = async (ctx, metadata) => {
  if (metadata.deniedRoles?.some(role => hasRole(ctx, role))) {
    return AuthorizationDecision.DENY;
  }
  if (metadata.allowedRoles?.some(role => hasRole(ctx, role))) {
    return AuthorizationDecision.ALLOW;
  }
  return AuthorizationDecision.ABSTAIN;
};
