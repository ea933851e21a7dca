// Copyright The loopback-security-monorepo authors. License: MIT.

import {LOOPBACK_ERROR_SCHEMA} from '@loopback/authorization';
import {OperationObject, ResponseObject, SchemaObject} from '@loopback/rest';

/**
 * The OpenAPI tag of the console's operations
 */
export const CONSOLE_TAG = 'AuthorizationConsole';

/**
 * A JSON response
 * @param description - What the body is
 * @param schema - Its schema
 */
export function jsonResponse(
  description: string,
  schema: SchemaObject = {type: 'object'},
): ResponseObject {
  return {description, content: {'application/json': {schema}}};
}

/**
 * An error response, with LoopBack's error body
 * @param description - When it happens
 */
export function errorResponse(description: string): ResponseObject {
  return {
    description,
    content: {'application/json': {schema: LOOPBACK_ERROR_SCHEMA}},
  };
}

/**
 * The spec of a console operation
 * @param summary - What it does
 * @param responses - Its responses
 */
export function consoleOperation(
  summary: string,
  responses: Record<string, ResponseObject>,
): OperationObject {
  return {tags: [CONSOLE_TAG], summary, responses};
}
