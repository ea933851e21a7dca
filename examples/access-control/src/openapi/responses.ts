// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  ResponseObject,
  SchemaObject,
  SecurityRequirementObject,
} from '@loopback/rest';

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
 * The JSON body of every error LoopBack sends
 */
const ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  title: 'ErrorResponse',
  properties: {
    error: {
      type: 'object',
      properties: {
        statusCode: {type: 'integer'},
        name: {type: 'string'},
        message: {type: 'string'},
        code: {type: 'string'},
        details: {type: 'array', items: {type: 'object'}},
      },
      required: ['statusCode', 'message'],
    },
  },
};

/**
 * A documented error response
 * @param description - When it happens
 */
export function errorResponse(description: string): ResponseObject {
  return {description, content: {'application/json': {schema: ERROR_SCHEMA}}};
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
 * 401: the request carries a token, and it cannot be trusted
 */
export const UNAUTHORIZED_RESPONSE = errorResponse(
  'Invalid credential: a malformed Authorization header, or a malformed, ' +
    'tampered, expired or unsigned token (with `WWW-Authenticate: Bearer ' +
    'error="invalid_token"`)',
);

/**
 * 403: authorization denied the call, anonymous callers included
 */
export const FORBIDDEN_RESPONSE = errorResponse(
  'Access denied: the caller may not do this (anonymous callers included)',
);

/**
 * 422: the request body does not match its schema
 */
export const UNPROCESSABLE_RESPONSE = errorResponse(
  'The request body is invalid',
);
