// Copyright The loopback-security-monorepo authors. License: MIT.

// Internal: the pieces of the repository mixin that need no repository
// state.

import {DefaultCrudRepository, Entity, Where} from '@loopback/repository';
import {invalidFilter} from '../errors';

type Row = Record<string, unknown>;

/**
 * The condition on the id of one instance
 */
export function idWhere<E extends Entity, ID>(
  repo: DefaultCrudRepository<E, ID>,
  id: ID,
): Where<E> {
  const name = repo.entityClass.getIdProperties()[0] ?? 'id';
  return {[name]: id} as Where<E>;
}

/**
 * The properties of data to write, those set to `undefined` left out
 */
export function plain(data: unknown): Row {
  const value = data as {toJSON?: () => unknown};
  const row = (
    typeof value?.toJSON === 'function' ? value.toJSON() : {...(data as object)}
  ) as Row;
  for (const key of Object.keys(row)) {
    if (row[key] === undefined) delete row[key];
  }
  return row;
}

/**
 * The data of a replacement: every property of the model but the ids, those
 * it leaves out as null, as SQL databases store them
 * @param entityClass - The model
 * @param data - The replacement
 */
export function replacement(entityClass: typeof Entity, data: unknown): Row {
  const row = plain(data);
  const ids = entityClass.getIdProperties();
  const full: Row = {};
  for (const name of Object.keys(entityClass.definition.properties)) {
    if (ids.includes(name)) continue;
    full[name] = Object.prototype.hasOwnProperty.call(row, name)
      ? row[name]
      : null;
  }
  return full;
}

/**
 * Run a database operation, answering 400 rather than 500 when the database
 * refuses a value (PostgreSQL's class 22, "data exception": a number out of
 * range for its column, a malformed value).
 *
 * @remarks
 * The values of a guarded operation are checked against the model before
 * it runs, so the database refuses one only when it binds it as a
 * parameter, before reading any row: the answer cannot depend on the rows.
 */
export async function databaseCall<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (err) {
    const code = (err as {code?: unknown})?.code;
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) {
      throw invalidFilter(
        'value',
        `was refused by the database: ${(err as Error).message}`,
      );
    }
    throw err;
  }
}
