// Copyright The loopback-security-monorepo authors. License: MIT.

import {describeValue} from '@loopback/authorization';
import type {Filter, ModelDefinition, Where} from '@loopback/repository';
import {conditionToWhere} from '../conditions/condition.compiler';
import {resourceFromModel} from '../engine/resource-schema';
import {forbidden, invalidFilter} from '../errors';
import {
  CALLER_CONDITION_LIMITS,
  ConditionLimits,
} from '../conditions/condition.limits';
import {ConditionSyntax, readCondition} from '../conditions/condition.parser';
import {ResourceSchema} from '../types';
import {checkCallerInclude, isObject} from './caller-include';

/**
 * The most inclusions nested in one another
 */
const MAX_INCLUDE_DEPTH = 4;

/**
 * The most properties an `order` sorts on: each may cost a comparison of
 * every pair of rows the sort compares (the memory connector sorts every
 * row of the model before it filters them)
 */
const MAX_ORDER_TERMS = 4;

/**
 * The parts a caller's filter may have; LoopBack's `Filter`
 */
const FILTER_KEYS: ReadonlySet<string> = new Set([
  'where',
  'fields',
  'order',
  'limit',
  'skip',
  'offset',
  'include',
]);

/**
 * Check a filter given by a caller against the model, before any row is
 * read, and return it rebuilt from what was checked.
 *
 * @remarks
 * A caller's condition must not tell apart rows the caller may not read: by
 * an error, by a time or by a count. So every part is checked against the
 * model first: each property it names exists (400 otherwise) and is
 * readable in every instance (403 otherwise: a condition on a hidden
 * property would tell its values apart), each operator is one that cannot
 * fail on a row nor run a backtracking regular expression (`like`,
 * `regexp`... are refused with 400), each value has the property's type and
 * a bounded size, `limit` and `skip` are whole numbers. The `where` passed
 * on is written anew from the checked condition, with SQL's meaning of NULL
 * on every connector. The scope of an inclusion is checked the same way
 * against the related model; the related repository, when guarded too,
 * checks it again against its own rules.
 *
 * @param filter - The caller's filter
 * @param readable - The properties the caller may read in every instance
 * @param resource - The resource type, for the messages
 * @param model - The model's definition: the properties and their types,
 * and the relations of `include`
 * @param depth - How deep in inclusions the filter stands
 * @param limits - The sizes its condition may have
 * @returns The filter as checked: its `where` rewritten, its `order` as an
 * array of `"<property> ASC|DESC"`, its `limit`/`skip` as numbers
 */
export function checkCallerFilter<F extends Filter>(
  filter: F | undefined,
  readable: ReadonlySet<string>,
  resource: string,
  model: ModelDefinition,
  depth = 0,
  limits: ConditionLimits = CALLER_CONDITION_LIMITS,
): F | undefined {
  if (filter == null) return filter;
  if (!isObject(filter)) {
    throw invalidFilter(
      'filter',
      `must be an object, got ${describeValue(filter)}`,
    );
  }
  const schema = schemaOf(model, resource);
  const checked: Record<string, unknown> = {};
  for (const key of Object.keys(filter)) {
    if (!FILTER_KEYS.has(key)) {
      throw invalidFilter(
        key,
        `is not a part of a filter; use ${[...FILTER_KEYS].join(', ')}`,
      );
    }
  }
  const where = checkCallerWhere(
    filter.where,
    readable,
    schema,
    'where',
    limits,
  );
  if (where) checked.where = where;
  const fields = callerFields(filter.fields, readable, schema);
  if (fields) checked.fields = fields;
  const order = callerOrder(filter.order, readable, schema);
  if (order) checked.order = order;
  for (const key of ['limit', 'skip', 'offset'] as const) {
    const count = wholeNumber(filter[key], key);
    if (count !== undefined) checked[key] = count;
  }
  if (filter.include != null) {
    checkCallerInclude(filter.include, readable, resource, model);
    if (depth >= MAX_INCLUDE_DEPTH) {
      throw invalidFilter(
        'include',
        `is nested too deeply: at most ${MAX_INCLUDE_DEPTH} levels`,
      );
    }
    checked.include = (filter.include as unknown[]).map(item =>
      checkInclusionScope(item, model, depth + 1),
    );
  }
  return checked as F;
}

/**
 * Check the `where` of a caller as {@link checkCallerFilter} does, and
 * write it anew from what was checked
 * @param where - The caller's condition
 * @param readable - The properties the caller may read in every instance
 * @param schema - The resource's properties and their kinds
 * @param path - Where the condition stands in the filter, for the messages
 * @param limits - The sizes it may have
 * @returns The condition, `undefined` for none (`{}` or nothing)
 */
export function checkCallerWhere(
  where: unknown,
  readable: ReadonlySet<string> | undefined,
  schema: ResourceSchema,
  path = 'where',
  limits: ConditionLimits = CALLER_CONDITION_LIMITS,
): Where | undefined {
  if (where == null) return undefined;
  if (isObject(where) && Object.keys(where).length === 0) return undefined;
  const syntax: ConditionSyntax = {
    schema,
    references: false,
    lenient: true,
    limits,
    fail: (part, what) =>
      invalidFilter(
        part,
        what
          .replace(/^expected exactly/, 'must have exactly')
          .replace(/^expected /, 'must be '),
      ),
    checkProperty: readable
      ? field => {
          if (!readable.has(field))
            throw forbidden('where', field, schema.name);
        }
      : undefined,
  };
  return conditionToWhere(readCondition(where, syntax, path), {});
}

/**
 * The `fields` of a caller, checked: every property named exists (400) and
 * is readable (403)
 * @param fields - `{name: true}`, `{name: false}` or `['name']`
 * @param readable - The properties the caller may read in every instance
 * @param schema - The resource's properties
 * @param path - Where it stands in the filter
 */
function callerFields(
  fields: unknown,
  readable: ReadonlySet<string> | undefined,
  schema: ResourceSchema,
  path = 'fields',
): Filter['fields'] | undefined {
  if (fields == null) return undefined;
  const names: string[] = [];
  if (Array.isArray(fields)) {
    fields.forEach((name, i) => {
      if (typeof name !== 'string') {
        throw invalidFilter(
          `${path}[${i}]`,
          `must be a property name, got ${describeValue(name)}`,
        );
      }
      names.push(name);
    });
  } else if (isObject(fields)) {
    for (const [name, flag] of Object.entries(fields)) {
      if (typeof flag !== 'boolean') {
        throw invalidFilter(
          `${path}.${name}`,
          `must be true or false, got ${describeValue(flag)}`,
        );
      }
      names.push(name);
    }
  } else {
    throw invalidFilter(
      path,
      `must be an array or an object, got ${describeValue(fields)}`,
    );
  }
  for (const name of names) {
    // Leaving a property out names nothing the caller reads
    const excluded = !Array.isArray(fields) && fields[name] === false;
    checkProperty(name, path, excluded ? undefined : readable, schema);
  }
  return (Array.isArray(fields) ? [...names] : {...fields}) as Filter['fields'];
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
 * @param schema - The resource's properties
 */
export function callerOrder(
  order: unknown,
  readable: ReadonlySet<string> | undefined,
  schema: ResourceSchema,
): string[] | undefined {
  if (order == null) return undefined;
  const items: unknown[] = Array.isArray(order) ? order : [order];
  const normalized: string[] = [];
  items.forEach((item, i) => {
    const part = Array.isArray(order) ? `order[${i}]` : 'order';
    if (typeof item !== 'string') {
      throw invalidFilter(part, `must be a string, got ${describeValue(item)}`);
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
      checkProperty(name, 'order', readable, schema, part);
      normalized.push(`${name} ${upper}`);
      if (normalized.length > MAX_ORDER_TERMS) {
        throw invalidFilter(
          part,
          `sorts on too many properties: at most ${MAX_ORDER_TERMS}`,
        );
      }
    }
  });
  return normalized;
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
 * Check the scope of one inclusion against the related model: the same
 * checks as a filter's, every property readable (the related repository,
 * when guarded, checks its own rules when the inclusion is resolved)
 */
function checkInclusionScope(
  item: unknown,
  model: ModelDefinition,
  depth: number,
): unknown {
  if (typeof item === 'string') return item;
  const spec = item as {relation: string; scope?: Filter};
  if (spec.scope == null) return spec;
  const relation = model.relations[spec.relation];
  const target = (
    relation as {target?: () => {definition?: ModelDefinition}}
  ).target?.()?.definition;
  if (!target) {
    throw invalidFilter(
      `include.${spec.relation}`,
      'names a relation whose model cannot be read',
    );
  }
  const scope = checkCallerFilter(
    spec.scope,
    new Set(Object.keys(target.properties)),
    target.name,
    target,
    depth,
  );
  return {...spec, scope};
}

/**
 * A count of a filter (`limit`, `skip`, `offset`) as a number: a whole
 * number from 0 to `Number.MAX_SAFE_INTEGER`, or digits
 */
function wholeNumber(value: unknown, part: string): number | undefined {
  if (value == null) return undefined;
  const count =
    typeof value === 'string' && /^\d{1,16}$/.test(value)
      ? Number(value)
      : value;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
    throw invalidFilter(
      part,
      `must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got ${describeValue(value)}`,
    );
  }
  return count;
}

/**
 * Refuse a name that is not a property (400) or that the caller may not
 * read (403)
 */
function checkProperty(
  name: string,
  part: string,
  readable: ReadonlySet<string> | undefined,
  schema: ResourceSchema,
  path = part,
): void {
  if (!Object.prototype.hasOwnProperty.call(schema.properties, name)) {
    throw invalidFilter(
      path,
      `names no property of ${schema.name}: ${JSON.stringify(name)}`,
    );
  }
  if (readable && !readable.has(name)) throw forbidden(part, name, schema.name);
}

/**
 * The schema of a model, named as the rules name its resource
 */
function schemaOf(model: ModelDefinition, name: string): ResourceSchema {
  return resourceFromModel({definition: model, name: model.name}, name);
}
