// Copyright The loopback-security-monorepo authors. License: MIT.

import {LOOPBACK_ERROR_SCHEMA} from '@loopback/authorization';
import {
  ResponseObject,
  SchemaObject,
  SecurityRequirementObject,
} from '@loopback/rest';
import {
  AUTHENTICATION_REQUIRED_CHALLENGE,
  INVALID_TOKEN_CHALLENGE,
} from '../authentication/challenges';

/**
 * The name of the bearer security scheme in `components.securitySchemes`
 */
export const JWT_SECURITY_SCHEME = 'jwt';

/**
 * The `security` of an operation that reads the bearer token. In the API
 * Explorer, such operations send the token pasted under "Authorize".
 */
export const BEARER_SECURITY: SecurityRequirementObject[] = [
  {[JWT_SECURITY_SCHEME]: []},
];

/**
 * A documented error response
 * @param description - When it happens
 */
export function errorResponse(description: string): ResponseObject {
  // The body of every error LoopBack sends, as the authorization package
  // documents it
  return {
    description,
    content: {'application/json': {schema: LOOPBACK_ERROR_SCHEMA}},
  };
}

/**
 * A JSON response with a body
 * @param description - What the body is
 * @param schema - Its schema
 */
export function jsonResponse(
  description: string,
  schema: SchemaObject,
): ResponseObject {
  return {description, content: {'application/json': {schema}}};
}

/**
 * 401 on a route that needs a user: no token, or a token that cannot be
 * trusted. The `WWW-Authenticate` header tells the two apart. The
 * authorization component's OpenAPI enhancer adds it to every protected
 * operation, next to the 403 that says who may call.
 */
export const UNAUTHORIZED_RESPONSE: ResponseObject = {
  ...errorResponse(
    'Authentication required or failed. Without an Authorization header: ' +
      '`Authentication required`, with `WWW-Authenticate: ' +
      `${AUTHENTICATION_REQUIRED_CHALLENGE}\`. With a malformed ` +
      'Authorization header, or a malformed, tampered, expired or unsigned ' +
      'token: a message that says what is wrong, with `WWW-Authenticate: ' +
      `${INVALID_TOKEN_CHALLENGE}\``,
  ),
  headers: {
    'WWW-Authenticate': {
      description:
        `The bearer challenge: \`${AUTHENTICATION_REQUIRED_CHALLENGE}\` ` +
        `for a missing token, \`${INVALID_TOKEN_CHALLENGE}\` for a bad one`,
      schema: {type: 'string'},
    },
  },
};

/**
 * 422: the request body does not match its schema
 */
export const UNPROCESSABLE_RESPONSE = errorResponse(
  'The request body is invalid',
);
