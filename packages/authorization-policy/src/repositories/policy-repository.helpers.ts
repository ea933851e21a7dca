// Copyright The loopback-security-monorepo authors. License: MIT.

// Internal: the pieces of the repository mixin that need no repository
// state.

import {
  DataObject,
  DefaultCrudRepository,
  Entity,
  Where,
} from '@loopback/repository';
import {forbidden, PolicyError, PolicyErrorCode} from '../errors';
import {PolicyFilter} from '../types';

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
 * The instance with only the permitted properties (and those selected by
 * the caller); related models included stay
 */
export function restrict<E extends Entity, ID, T extends E>(
  repo: DefaultCrudRepository<E, ID>,
  row: T,
  permitted: string[],
  selected: Set<string> | undefined,
): T {
  const all = repo.entityClass.definition.properties;
  const keep = new Set(permitted);
  const source = row as unknown as Row;
  const data: Row = {};
  for (const key of Object.keys(source)) {
    const property = Object.prototype.hasOwnProperty.call(all, key);
    if (property && (!keep.has(key) || (selected && !selected.has(key)))) {
      continue;
    }
    if (source[key] !== undefined) data[key] = source[key];
  }
  return new repo.entityClass(data as DataObject<E>) as T;
}

/**
 * A caller's condition AND the rules' filter
 */
export function and<W>(where: W | undefined, policy: PolicyFilter): W {
  const hasWhere = where && Object.keys(where).length > 0;
  const hasPolicy = Object.keys(policy.where).length > 0;
  if (hasWhere && hasPolicy) return {and: [where, policy.where]} as W;
  return (hasPolicy ? policy.where : (where ?? {})) as W;
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
 * Throw a 403 naming the first property written that is not writable
 */
export function checkWrite(
  properties: readonly string[],
  writable: readonly string[],
  resource: string,
) {
  for (const name of properties) {
    if (!writable.includes(name)) throw forbidden('data', name, resource);
  }
}

/**
 * The 403 of an action the caller may not perform on an instance
 */
export function forbiddenAction(resource: string, action: string) {
  return new PolicyError(
    `Forbidden: may not ${action} this ${resource}`,
    403,
    PolicyErrorCode.FORBIDDEN,
  );
}
