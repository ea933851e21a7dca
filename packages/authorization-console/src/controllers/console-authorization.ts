// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationContext,
  AuthorizationDecision,
  AuthorizationMetadata,
  Authorizer,
} from '@loopback/authorization';

/**
 * The `@authorize` metadata of every console API route: `allowedRoles`, for
 * the built-in role authorizer, the OpenAPI document and the access report,
 * and a voter of the console's own that denies a caller without one of the
 * roles, so that the vote denies it (and the decision log says so) without
 * the built-in authorizers or with `defaultDecision: Allow`. The vote is not
 * what keeps the API closed: `precedence: Allow` lets another authorizer
 * outvote it, so the console's role check (`consoleRoleGuard`) decides
 * apart from it.
 *
 * @param roles - The roles that may use the console
 */
export function consoleAuthorization(
  roles: readonly string[],
): AuthorizationMetadata {
  const allowed = new Set(roles);
  const consoleRoleVoter: Authorizer = async (ctx: AuthorizationContext) =>
    ctx.roles.some(role => allowed.has(role.name))
      ? AuthorizationDecision.ALLOW
      : AuthorizationDecision.DENY;
  return {allowedRoles: [...roles], voters: [consoleRoleVoter]};
}
