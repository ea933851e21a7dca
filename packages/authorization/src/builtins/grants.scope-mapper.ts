// Copyright The loopback-security-monorepo authors. License: MIT.

import {Permission, securityId, SecurityBindings} from '@loopback/security';
import {describeValue} from '../helpers/describe-value';
import {AuthorizationErrorCode, createAuthorizationError} from '../errors';
import {getBoundValue} from '../helpers/bound-value';
import {ScopeMapper} from '../contracts/mappers';

/**
 * The default scope mapper: the OAuth 2.0 scopes granted to the caller, from
 * a user principal's `scope` claim (a space-separated string, as in OAuth
 * 2.0 and JWT access tokens) or `scopes` array, and from the authorities of
 * the request's `Subject` (a scope's `name`, else the permission's id).
 */
export const grantsScopeMapper: ScopeMapper = async (
  principals,
  invocationCtx,
) => {
  const scopes: string[] = [];
  for (const principal of principals) {
    if (principal.type !== 'USER') continue;
    const {scope, scopes: list} = principal;
    if (scope !== undefined) {
      if (typeof scope !== 'string') throw invalid('scope', scope);
      // RFC 6749, section 3.3: scope tokens are separated by U+0020 only;
      // other white space is part of a token, not a separator
      scopes.push(...scope.split(' ').filter(Boolean));
    }
    if (list !== undefined) {
      if (!Array.isArray(list) || list.some(s => typeof s !== 'string')) {
        throw invalid('scopes', list);
      }
      scopes.push(...(list as string[]));
    }
  }
  const subject = await getBoundValue(invocationCtx, SecurityBindings.SUBJECT);
  for (const authority of subject?.authorities ?? []) {
    const name = (authority as Permission & {name?: unknown}).name;
    scopes.push(typeof name === 'string' ? name : authority[securityId]);
  }
  return scopes;
};

function invalid(field: string, value: unknown) {
  return createAuthorizationError(
    `Invalid "${field}" of the user profile: expected ${
      field === 'scope' ? 'a space-separated string' : 'an array of strings'
    }, got ${describeValue(value)}`,
    500,
    AuthorizationErrorCode.INVALID_USER,
  );
}
