// Copyright The loopback-security-monorepo authors. License: MIT.

import {Principal} from '@loopback/security';
import {AuthorizationError, createAuthorizationError} from '../errors';
import {ResolvedAuthorizationOptions} from '../options/options.reader';

/**
 * Stage 6, the denial: the error a denied call is stopped with. 403 (or
 * `defaultStatusCodeForDeny`), or, with the `anonymousDenial` option and no
 * user, 401 (or its `statusCode`) whose `headers` carry the
 * `WWW-Authenticate` challenge; the REST layer writes them (see
 * `AuthorizationBindings.DENIAL_HEADERS_MIDDLEWARE`), so that this package
 * never touches an HTTP response.
 *
 * @param options - The options in force
 * @param principals - The caller's principals
 */
export function createDenialError(
  options: ResolvedAuthorizationOptions,
  principals: readonly Principal[],
): AuthorizationError {
  const anonymous = options.anonymousDenial;
  if (anonymous == null || principals.length > 0) {
    return createAuthorizationError(
      'Access denied',
      options.defaultStatusCodeForDeny,
    );
  }
  const error = createAuthorizationError(
    'Authentication required',
    anonymous.statusCode ?? 401,
  );
  error.headers = Object.freeze({
    'WWW-Authenticate': anonymous.wwwAuthenticate ?? 'Bearer',
  });
  return error;
}
