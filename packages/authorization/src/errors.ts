// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * The error of a denied or failed authorization
 *
 * @remarks
 * REST applications answer with its `statusCode`. A denial carries the
 * message `Access denied` and no `code`, as in the published package, so
 * clients see the same body. The errors this package adds where it fails
 * closed carry a `code` from {@link AuthorizationErrorCode}.
 */
export class AuthorizationError extends Error {
  /**
   * Machine-readable code, such as `INVALID_VOTE`
   */
  code?: string;
  /**
   * HTTP status code of the error
   */
  statusCode?: number;
  /**
   * HTTP headers the response should carry, such as `WWW-Authenticate`
   */
  headers?: Record<string, string>;
}

/**
 * Codes of the errors this package raises where it fails closed
 */
export namespace AuthorizationErrorCode {
  /**
   * An authorizer returned something other than Allow, Deny or Abstain
   */
  export const INVALID_VOTE = 'INVALID_VOTE';
  /**
   * A voter binding key of `@authorize` is not bound, or not to a function
   */
  export const INVALID_VOTER = 'INVALID_VOTER';
  /**
   * `@authorize` metadata is malformed
   */
  export const INVALID_METADATA = 'INVALID_AUTHORIZATION_METADATA';
  /**
   * The component options are malformed
   */
  export const INVALID_OPTIONS = 'INVALID_AUTHORIZATION_OPTIONS';
  /**
   * The user bound to `security.user` is not a usable profile
   */
  export const INVALID_USER = 'INVALID_USER_PROFILE';
  /**
   * A voter did not decide within the `voterTimeout` option
   */
  export const VOTER_TIMEOUT = 'VOTER_TIMEOUT';
  /**
   * The application starts with routes that no rule covers, and the
   * `unprotectedRoutes` option is `fail`
   */
  export const UNPROTECTED_ROUTES = 'UNPROTECTED_ROUTES';
  /**
   * A route rule describer failed, or returned something other than a list
   * of rule descriptions
   */
  export const INVALID_ROUTE_RULES = 'INVALID_ROUTE_RULES';
}

/**
 * Create an {@link AuthorizationError}
 * @param message - What went wrong, and where
 * @param statusCode - HTTP status code
 * @param code - Machine-readable code
 */
export function createAuthorizationError(
  message: string,
  statusCode?: number,
  code?: string,
): AuthorizationError {
  const error = new AuthorizationError(message);
  if (statusCode !== undefined) error.statusCode = statusCode;
  if (code !== undefined) error.code = code;
  return error;
}
