// Copyright The loopback-security-monorepo authors. License: MIT.

import type {ResponseObject, SchemaObject} from '@loopback/rest';

/**
 * The name under `components.schemas` of the error body the enhancer refers
 * to; a schema of that name the application declares is kept
 */
export const ERROR_SCHEMA_NAME = 'LoopBackError';

/**
 * The JSON body LoopBack's error handler sends for 401 and 403:
 * `{error: {statusCode, name, message, code?, details?}}`
 */
export const LOOPBACK_ERROR_SCHEMA: SchemaObject = Object.freeze({
  type: 'object',
  title: ERROR_SCHEMA_NAME,
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['statusCode', 'name', 'message'],
      properties: {
        statusCode: {type: 'integer'},
        name: {type: 'string'},
        message: {type: 'string'},
        code: {type: 'string'},
        details: {type: 'array', items: {type: 'object'}},
      },
    },
  },
}) as SchemaObject;

/**
 * An error response whose body is {@link LOOPBACK_ERROR_SCHEMA}
 * @param description - When it happens
 */
export function errorResponse(description: string): ResponseObject {
  return {
    description,
    content: {
      'application/json': {
        schema: {$ref: `#/components/schemas/${ERROR_SCHEMA_NAME}`},
      },
    },
  };
}

/**
 * 401: the caller is not authenticated, or the credentials are not valid
 */
export function unauthorizedResponse(): ResponseObject {
  return errorResponse(
    'Authentication required: the caller sent no valid credentials',
  );
}

/**
 * 403: authorization denied the call
 * @param rulesInWords - Who may call, in words
 */
export function forbiddenResponse(rulesInWords: string): ResponseObject {
  return errorResponse(`Access denied. ${rulesInWords}`);
}
