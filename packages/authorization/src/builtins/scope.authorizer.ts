// Copyright The loopback-security-monorepo authors. License: MIT.

import {Authorizer} from '../contracts/authorizer';
import {AuthorizationDecision} from '../contracts/decision';
import {builtinAuthorizersOptions} from '../options/options.reader';

/**
 * The scope authorizer: for a method with `scopes`, Deny unless the caller
 * holds every one of them (or any one, with the `scopeMatch: 'any'` option
 * of `BuiltinAuthorizersComponent`, read from the invocation context of the
 * call). Holding them, the caller is allowed when scopes are the method's
 * only rule; next to `allowedRoles`, `ownership` or `voters` those decide, so
 * scopes narrow what other rules grant and never widen it.
 */
export const scopeAuthorizer: Authorizer = async (ctx, metadata) => {
  const required = metadata.scopes;
  if (!required?.length) return AuthorizationDecision.ABSTAIN;
  const {scopeMatch} = await builtinAuthorizersOptions.read(
    ctx.invocationContext,
  );
  const held = (scope: string) => ctx.scopes.includes(scope);
  const satisfied =
    scopeMatch === 'any' ? required.some(held) : required.every(held);
  if (!satisfied) return AuthorizationDecision.DENY;
  // Scopes alone allow; next to any other rule they only narrow it
  const otherRules =
    !!metadata.allowedRoles?.length ||
    metadata.ownership != null ||
    !!metadata.voters?.length;
  return otherRules
    ? AuthorizationDecision.ABSTAIN
    : AuthorizationDecision.ALLOW;
};
