// Copyright The loopback-security-monorepo authors. License: MIT.

import type {Filter, Where} from '@loopback/repository';
import {PolicyError, PolicyErrorCode} from '../errors';

/**
 * Check that a filter given by a caller names only properties the caller
 * may read, in its `where`, `fields` and `order`: a condition on a hidden
 * property would tell its value apart, row by row.
 *
 * @param filter - The caller's filter
 * @param readable - The properties the caller may read in every instance
 * @param resource - The resource type, for the message
 */
export function checkCallerFilter(
  filter: Filter | undefined,
  readable: ReadonlySet<string>,
  resource: string,
): void {
  if (!filter) return;
  checkCallerWhere(filter.where, readable, resource);
  for (const name of fieldNames(filter.fields)) {
    if (!readable.has(name)) throw forbidden('fields', name, resource);
  }
  const order = filter.order;
  for (const item of Array.isArray(order) ? order : order ? [order] : []) {
    const name = String(item).trim().split(/\s+/)[0];
    if (!readable.has(name)) throw forbidden('order', name, resource);
  }
}

/**
 * Check the `where` of a caller, as {@link checkCallerFilter} does
 * @param where - The caller's condition
 * @param readable - The properties the caller may read in every instance
 * @param resource - The resource type, for the message
 */
export function checkCallerWhere(
  where: Where | undefined,
  readable: ReadonlySet<string>,
  resource: string,
): void {
  if (where == null || typeof where !== 'object') return;
  for (const [key, value] of Object.entries(where)) {
    if ((key === 'and' || key === 'or') && Array.isArray(value)) {
      for (const item of value) checkCallerWhere(item, readable, resource);
      continue;
    }
    if (!readable.has(key)) throw forbidden('where', key, resource);
  }
}

/**
 * The property names of a `fields` filter, in either of its forms
 * @param fields - `{name: true}` or `['name']`
 */
export function fieldNames(fields: unknown): string[] {
  if (Array.isArray(fields)) return fields.map(String);
  if (fields && typeof fields === 'object') return Object.keys(fields);
  return [];
}

/**
 * The properties a `fields` filter keeps, `undefined` for all
 * @param fields - `{name: true}`, `{name: false}` or `['name']`
 * @param all - Every property of the model
 */
export function selectedFields(
  fields: unknown,
  all: readonly string[],
): Set<string> | undefined {
  if (Array.isArray(fields)) return new Set(fields.map(String));
  if (!fields || typeof fields !== 'object') return undefined;
  const spec = fields as Record<string, unknown>;
  const included = Object.keys(spec).filter(k => spec[k]);
  if (included.length > 0) return new Set(included);
  return new Set(all.filter(name => spec[name] === undefined));
}

/**
 * The error of a property the caller may not use
 * @param part - Where the caller used it (`where`, `fields`, `order`, or
 * the data of a write)
 * @param property - The property
 * @param resource - The resource type
 */
export function forbidden(part: string, property: string, resource: string) {
  const write = part === 'data';
  return new PolicyError(
    write
      ? `Forbidden: may not write property "${property}" of ${resource}`
      : `Forbidden: may not use property "${property}" of ${resource} in "${part}"`,
    403,
    write
      ? PolicyErrorCode.FORBIDDEN_PROPERTY
      : PolicyErrorCode.FORBIDDEN_FILTER,
  );
}
