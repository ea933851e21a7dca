// Copyright The loopback-security-monorepo authors. License: MIT.

import type {Filter, ModelDefinition, Where} from '@loopback/repository';
import {forbidden, invalidFilter} from '../errors';
import {checkCallerInclude, isObject, kindOf} from './caller-include';

/**
 * Check that a filter given by a caller names only properties the caller
 * may read, in its `where`, `fields`, `order` and the keys of its `include`:
 * a condition on a hidden property would tell its value apart, row by row.
 *
 * @remarks
 * The scope of an inclusion is checked by the related repository when it is
 * guarded too (inclusion resolvers call its `find`).
 *
 * @param filter - The caller's filter
 * @param readable - The properties the caller may read in every instance
 * @param resource - The resource type, for the message
 * @param model - The model's definition, for the relations of `include`;
 * without it an `include` is refused
 * @returns The filter with its `order` as an array of `"<property> ASC"` or
 * `"<property> DESC"`, the one form every connector reads alike
 */
export function checkCallerFilter<F extends Filter>(
  filter: F | undefined,
  readable: ReadonlySet<string>,
  resource: string,
  model?: ModelDefinition,
): F | undefined {
  if (!filter) return filter;
  checkCallerWhere(filter.where, readable, resource);
  for (const name of fieldNames(filter.fields)) {
    if (!readable.has(name)) throw forbidden('fields', name, resource);
  }
  checkCallerInclude(filter.include, readable, resource, model);
  const order = callerOrder(filter.order, readable, resource);
  return order ? {...filter, order} : filter;
}

/**
 * Check the `where` of a caller, as {@link checkCallerFilter} does; an
 * `and` or `or` must hold an array of objects (400 otherwise)
 * @param where - The caller's condition
 * @param readable - The properties the caller may read in every instance
 * @param resource - The resource type, for the message
 * @param path - Where the condition stands in the filter, for the message
 */
export function checkCallerWhere(
  where: Where | undefined,
  readable: ReadonlySet<string>,
  resource: string,
  path = 'where',
): void {
  if (where == null || typeof where !== 'object') return;
  for (const [key, value] of Object.entries(where)) {
    if (key !== 'and' && key !== 'or') {
      if (!readable.has(key)) throw forbidden('where', key, resource);
      continue;
    }
    const part = `${path}.${key}`;
    if (!Array.isArray(value)) {
      throw invalidFilter(part, `must be an array, got ${kindOf(value)}`);
    }
    value.forEach((item: unknown, i) => {
      // Connectors fail on these with a TypeError (500); say what is wrong
      if (!isObject(item)) {
        throw invalidFilter(
          `${part}[${i}]`,
          `must be an object, got ${kindOf(item)}`,
        );
      }
      checkCallerWhere(item as Where, readable, resource, `${part}[${i}]`);
    });
  }
}

/**
 * The `order` of a caller as an array of `"<property> ASC|DESC"`, after a
 * check of every property it names; `undefined` when there is none
 *
 * @remarks
 * Juggler splits each string at its commas and every connector sorts on
 * every part: each part is checked, not only the first word.
 *
 * @param order - `"a ASC, b DESC"`, or an array of such strings
 * @param readable - The properties the caller may read in every instance
 * @param resource - The resource type, for the message
 */
export function callerOrder(
  order: unknown,
  readable: ReadonlySet<string>,
  resource: string,
): string[] | undefined {
  if (order == null) return undefined;
  const items: unknown[] = Array.isArray(order) ? order : [order];
  const normalized: string[] = [];
  items.forEach((item, i) => {
    const part = Array.isArray(order) ? `order[${i}]` : 'order';
    if (typeof item !== 'string') {
      throw invalidFilter(part, `must be a string, got ${kindOf(item)}`);
    }
    const terms = item.split(',').map(term => term.trim());
    const named = terms.filter(term => term !== '');
    if (named.length === 0) throw invalidFilter(part, 'names no property');
    for (const term of named) {
      const [name, direction = 'ASC', ...extra] = term.split(/\s+/);
      const upper = direction.toUpperCase();
      if (extra.length > 0 || (upper !== 'ASC' && upper !== 'DESC')) {
        throw invalidFilter(
          part,
          `must be "<property> [ASC|DESC]" separated by commas, got ${JSON.stringify(term)}`,
        );
      }
      if (!readable.has(name)) throw forbidden('order', name, resource);
      normalized.push(`${name} ${upper}`);
    }
  });
  return normalized;
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
