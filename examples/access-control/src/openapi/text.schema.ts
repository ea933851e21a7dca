// Copyright The loopback-security-monorepo authors. License: MIT.

import {ParameterObject, SchemaObject} from '@loopback/rest';

/**
 * A JSON-schema pattern that refuses the NUL character and unpaired
 * surrogates: PostgreSQL's text cannot hold the first (a 500 in the
 * database) and stores U+FFFD for the others, so that two strings would
 * become one. Refused at the door instead, in both modes alike: 422 for a
 * body naming the property, 400 for a parameter naming it. (LoopBack's
 * validator reads patterns as Unicode, where an unpaired surrogate is a code
 * point of its own, in the range refused.)
 */
export const WITHOUT_NUL = '^[^\\u0000\\uD800-\\uDFFF]*$';

/**
 * The longest string a body or a parameter may hold unless its schema says
 * otherwise: every value is read, and in memory mode scanned, on later
 * requests
 */
export const MAX_TEXT_LENGTH = 1024;

/**
 * A string schema whose values hold no NUL character nor unpaired surrogate,
 * of at most {@link MAX_TEXT_LENGTH} characters
 * @param schema - More of the schema (`minLength`, `format`, ...)
 */
export function textSchema(schema: SchemaObject = {}): SchemaObject {
  return {
    type: 'string',
    pattern: WITHOUT_NUL,
    maxLength: MAX_TEXT_LENGTH,
    ...schema,
  };
}

/**
 * The spec of the `{id}` path parameter of the user routes, for
 * `@param.path.string('id', USER_ID_PARAMETER)`
 */
export const USER_ID_PARAMETER: Partial<ParameterObject> = {
  description: 'The user id',
  schema: textSchema(),
};
