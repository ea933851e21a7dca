// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * The `WWW-Authenticate` challenge of a 401 for a caller without a token on
 * a route that needs a user (RFC 6750, section 3): the authorization
 * component sends it for an anonymous denial.
 */
export const AUTHENTICATION_REQUIRED_CHALLENGE =
  'Bearer realm="access-control"';

/**
 * The `WWW-Authenticate` challenge of a 401 for a bad `Authorization` header
 * or token (RFC 6750, section 3.1): the authentication middleware sends it,
 * on every route.
 */
export const INVALID_TOKEN_CHALLENGE = 'Bearer error="invalid_token"';
