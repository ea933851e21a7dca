// Copyright The loopback-security-monorepo authors. License: MIT.

import {ParameterObject, SchemaObject} from '@loopback/rest';

/**
 * A JSON-schema pattern that refuses the NUL character: PostgreSQL's text
 * cannot hold it, so a string with one would fail in the database (500) in
 * PostgreSQL mode. Refused at the door instead, in both modes alike: 422 for
 * a body naming the property, 400 for a parameter naming it.
 */
export const WITHOUT_NUL = '^[^\\u0000]*$';

/**
 * A string schema whose values hold no NUL character
 * @param schema - More of the schema (`minLength`, `format`, ...)
 */
export function textSchema(schema: SchemaObject = {}): SchemaObject {
  return {type: 'string', pattern: WITHOUT_NUL, ...schema};
}

/**
 * The spec of the `{id}` path parameter of the user routes, for
 * `@param.path.string('id', USER_ID_PARAMETER)`
 */
export const USER_ID_PARAMETER: Partial<ParameterObject> = {
  description: 'The user id',
  schema: textSchema(),
};
