// Copyright The loopback-security-monorepo authors. License: MIT.

import {AuthorizationContext, Authorizer} from '../contracts/authorizer';
import {
  ANONYMOUS,
  AUTHENTICATED,
  AuthorizationDecision,
  EVERYONE,
  UNAUTHENTICATED,
} from '../contracts/decision';

/**
 * Does the caller have a role, built-in roles included?
 * @param ctx - The authorization context
 * @param role - A role name
 * @param roleNames - The names of `ctx.roles`, when the caller has them as a
 * set already
 */
export function hasRole(
  ctx: AuthorizationContext,
  role: string,
  roleNames?: ReadonlySet<string>,
): boolean {
  switch (role) {
    case EVERYONE:
      return true;
    case AUTHENTICATED:
      return ctx.principals.length > 0;
    case UNAUTHENTICATED:
    case ANONYMOUS:
      return ctx.principals.length === 0;
    default:
      return roleNames
        ? roleNames.has(role)
        : ctx.roles.some(r => r.name === role);
  }
}

/**
 * How specific a role is: a named role (2) over `$authenticated`,
 * `$unauthenticated` and `$anonymous` (1) over `$everyone` (0)
 */
function specificity(role: string): number {
  if (role === EVERYONE) return 0;
  if (
    role === AUTHENTICATED ||
    role === UNAUTHENTICATED ||
    role === ANONYMOUS
  ) {
    return 1;
  }
  return 2;
}

/**
 * The specificity of the most specific role of a list that the caller has,
 * or -1
 */
function bestMatch(
  ctx: AuthorizationContext,
  roleNames: ReadonlySet<string>,
  roles?: string[],
): number {
  let best = -1;
  for (const role of roles ?? []) {
    if (hasRole(ctx, role, roleNames)) {
      best = Math.max(best, specificity(role));
    }
  }
  return best;
}

/**
 * The role authorizer: it compares the caller's roles with `allowedRoles`
 * and `deniedRoles`. The most specific match decides, so that
 * `authorize.denyAllExcept('ADMIN')` lets an admin in and
 * `authorize.allowAllExcept('GUEST')` keeps a guest out; between matches
 * equally specific, the denied role wins. No match: Abstain.
 *
 * The caller's roles are those of the authorization context (found by the
 * role mappers, expanded by the role hierarchy) and the built-in roles:
 * `$everyone` for every caller, `$authenticated` for a caller with a user,
 * and `$unauthenticated` and `$anonymous` for a caller without one.
 */
export const roleAuthorizer: Authorizer = async (ctx, metadata) => {
  if (!metadata.deniedRoles?.length && !metadata.allowedRoles?.length) {
    return AuthorizationDecision.ABSTAIN;
  }
  // A set, so that long role lists cost their length, not its square
  const roleNames = new Set(ctx.roles.map(r => r.name));
  const denied = bestMatch(ctx, roleNames, metadata.deniedRoles);
  const allowed = bestMatch(ctx, roleNames, metadata.allowedRoles);
  if (denied < 0 && allowed < 0) return AuthorizationDecision.ABSTAIN;
  return denied >= allowed
    ? AuthorizationDecision.DENY
    : AuthorizationDecision.ALLOW;
};
