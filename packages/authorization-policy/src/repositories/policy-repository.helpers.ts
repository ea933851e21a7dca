// Copyright The loopback-security-monorepo authors. License: MIT.

// Internal: the pieces of the repository mixin that need no repository
// state.

import {
  DefaultCrudRepository,
  Entity,
  Options,
  Where,
} from '@loopback/repository';
import {
  invalidData,
  invalidFilter,
  PolicyError,
  PolicyErrorCode,
} from '../errors';

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
 * Run a database operation, answering what the database refuses as the
 * caller's error rather than 500: a value it cannot bind (PostgreSQL's
 * class 22, "data exception": a number out of range for its column, a
 * malformed value) is 400 in a filter and 422 in data; a write that breaks
 * a constraint (class 23) is 422 for a missing value and 409 otherwise.
 *
 * @remarks
 * The values of a guarded operation are checked against the model before
 * it runs, so the database refuses a value of a filter only when it binds
 * it as a parameter, before reading any row: the answer cannot depend on
 * the rows. A constraint of a write (a unique key) can: see the threat
 * model.
 *
 * @param operation - The operation
 * @param part - Whether it runs a caller's filter or writes data
 */
export async function databaseCall<T>(
  operation: Promise<T>,
  part: 'filter' | 'data',
): Promise<T> {
  try {
    return await operation;
  } catch (err) {
    const code = (err as {code?: unknown})?.code;
    if (typeof code !== 'string' || !/^2[23][0-9A-Z]{3}$/.test(code)) {
      throw err;
    }
    const why = `was refused by the database: ${(err as Error).message}`;
    if (code.startsWith('22')) {
      throw part === 'filter'
        ? invalidFilter('value', why)
        : invalidData('value', why);
    }
    if (code === '23502') throw invalidData('value', why);
    throw new PolicyError(
      `Conflict: the data ${why}`,
      409,
      PolicyErrorCode.CONFLICT,
    );
  }
}

/**
 * Throw a 422 unless an instance is valid, as juggler validates one
 * @param instance - A juggler model instance
 * @param model - The model name, for the message
 */
export async function checkValid(
  instance: {
    isValid(done: (valid: boolean) => void): unknown;
    errors?: unknown;
  },
  model: string,
): Promise<void> {
  const valid = await new Promise<boolean>(resolve =>
    instance.isValid(resolve),
  );
  if (valid) return;
  const errors = (instance.errors ?? {}) as Record<string, unknown>;
  const details = Object.keys(errors)
    .filter(key => Array.isArray(errors[key]))
    .map(key => `\`${key}\` ${(errors[key] as string[]).join(', ')}`)
    .join('; ');
  throw invalidData('data', `is not a valid ${model}: ${details}`);
}

/**
 * The key of the options that mark the query of an inclusion: a symbol, so
 * that no request can set it
 */
const INCLUSION = Symbol('loopback:authorization:policy:inclusion');

/**
 * The options of a query whose inclusions LoopBack resolves: marked, so
 * that the repositories of the included rows know their filter is an
 * inclusion's
 * @param options - The options of the query
 */
export function asInclusion(options: Options | undefined): Options {
  return {...options, [INCLUSION]: true};
}

/**
 * Whether the options mark the query of an inclusion
 * @param options - The options of a query
 */
export function isInclusion(options: Options | undefined): boolean {
  return (options as Record<symbol, unknown> | undefined)?.[INCLUSION] === true;
}
