// Copyright The loopback-security-monorepo authors. License: MIT.

import {invalidRule} from '../errors';
import {PropertyKind, ResourceSchema} from '../types';

/**
 * A value a condition compares with: a literal, or an attribute of the
 * caller (`$user.<name>`)
 */
export type Operand =
  {readonly literal: string | number | boolean} | {readonly ref: string};

/**
 * The comparison operators a condition may use: the ones that the memory
 * connector and SQL databases evaluate alike once NULL is dealt with
 */
export type ComparisonOperator = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte';

/**
 * A comparison of a property with one value
 */
export interface Comparison {
  /**
   * The operator
   */
  readonly op: ComparisonOperator;
  /**
   * The property
   */
  readonly field: string;
  /**
   * The kind of the property
   */
  readonly kind: PropertyKind;
  /**
   * The value
   */
  readonly value: Operand;
}

/**
 * A comparison of a property with a list of values
 */
export interface ListComparison {
  /**
   * The operator
   */
  readonly op: 'inq' | 'nin' | 'between';
  /**
   * The property
   */
  readonly field: string;
  /**
   * The kind of the property
   */
  readonly kind: PropertyKind;
  /**
   * The values; two bounds for `between`
   */
  readonly values: readonly Operand[];
}

/**
 * Conditions joined by `and` or `or`
 */
export interface Junction {
  /**
   * How they are joined
   */
  readonly op: 'and' | 'or';
  /**
   * The conditions
   */
  readonly items: readonly Condition[];
}

/**
 * A parsed, checked condition
 */
export type Condition = Junction | Comparison | ListComparison;

const COMPARISONS = new Set(['eq', 'neq', 'gt', 'gte', 'lt', 'lte']);
const ORDERINGS = new Set(['gt', 'gte', 'lt', 'lte', 'between']);
const LISTS = new Set(['inq', 'nin', 'between']);

/**
 * Operators of LoopBack's `Where` that are refused, and why
 */
const REFUSED: Record<string, string> = {
  like: 'the memory connector and SQL databases do not match the same strings (regular expression characters, case, anchoring)',
  nlike: 'the memory connector and SQL databases do not match the same strings',
  ilike: 'the memory connector and SQL databases do not match the same strings',
  nilike:
    'the memory connector and SQL databases do not match the same strings',
  regexp: 'regular expressions differ between databases',
  near: 'geographic conditions are not evaluated in memory',
  exists: 'the memory connector and SQL databases disagree about it',
};

/**
 * The reference to a caller attribute: `$user.` and an identifier
 */
const REF = /^\$user\.([A-Za-z_][A-Za-z0-9_]*)$/;

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parse and check the `where` of a rule against the resource's properties.
 * Throws an error that names the rule and the part at fault.
 *
 * @param where - The condition as written
 * @param schema - The resource's properties
 * @param label - How the rule is named in errors
 */
export function parseCondition(
  where: unknown,
  schema: ResourceSchema,
  label: string,
): Condition {
  return parseWhere(where, 'where', schema, label);
}

function parseWhere(
  where: unknown,
  path: string,
  schema: ResourceSchema,
  label: string,
): Condition {
  if (!isPlainObject(where)) {
    throw invalidRule(label, path, `expected an object, got ${show(where)}`);
  }
  const keys = Object.keys(where);
  if (keys.length === 0) {
    throw invalidRule(
      label,
      path,
      'an empty condition; leave "where" out to match every instance',
    );
  }
  const items = keys.map(key => {
    const value = where[key];
    if (key === 'and' || key === 'or') {
      return parseJunction(key, value, `${path}.${key}`, schema, label);
    }
    return parseField(key, value, `${path}.${key}`, schema, label);
  });
  return items.length === 1 ? items[0] : {op: 'and', items};
}

function parseJunction(
  op: 'and' | 'or',
  value: unknown,
  path: string,
  schema: ResourceSchema,
  label: string,
): Condition {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalidRule(
      label,
      path,
      `expected a non-empty array of conditions, got ${show(value)}`,
    );
  }
  return {
    op,
    items: value.map((item, i) =>
      parseWhere(item, `${path}[${i}]`, schema, label),
    ),
  };
}

function parseField(
  field: string,
  spec: unknown,
  path: string,
  schema: ResourceSchema,
  label: string,
): Condition {
  const kind = propertyKind(field, schema);
  if (kind === undefined) {
    throw invalidRule(
      label,
      path,
      `"${field}" is not a property of ${schema.name}`,
    );
  }
  if (kind === 'other') {
    throw invalidRule(
      label,
      path,
      `"${field}" cannot be compared: only string, number and boolean properties can`,
    );
  }
  if (!isPlainObject(spec)) {
    // The shorthand {field: value} means eq
    return {
      op: 'eq',
      field,
      kind,
      value: parseOperand(spec, kind, path, label),
    };
  }
  const ops = Object.keys(spec);
  if (ops.length !== 1) {
    throw invalidRule(
      label,
      path,
      `expected exactly one operator, got ${ops.length === 0 ? 'none' : ops.map(o => `"${o}"`).join(', ')}`,
    );
  }
  const op = ops[0];
  const opPath = `${path}.${op}`;
  if (Object.prototype.hasOwnProperty.call(REFUSED, op)) {
    throw invalidRule(label, opPath, `"${op}" is refused: ${REFUSED[op]}`);
  }
  if (!COMPARISONS.has(op) && !LISTS.has(op)) {
    throw invalidRule(label, opPath, `unknown operator "${op}"`);
  }
  if (ORDERINGS.has(op) && kind !== 'number') {
    throw invalidRule(
      label,
      opPath,
      `"${op}" needs a number property; SQL collations order strings unlike JavaScript`,
    );
  }
  const value = spec[op];
  if (!LISTS.has(op)) {
    return {
      op: op as ComparisonOperator,
      field,
      kind,
      value: parseOperand(value, kind, opPath, label),
    };
  }
  if (!Array.isArray(value) || value.length === 0) {
    throw invalidRule(
      label,
      opPath,
      `expected a non-empty array, got ${show(value)}`,
    );
  }
  if (op === 'between' && value.length !== 2) {
    throw invalidRule(
      label,
      opPath,
      `expected two bounds, got ${value.length} values`,
    );
  }
  return {
    op: op as 'inq' | 'nin' | 'between',
    field,
    kind,
    values: value.map((v, i) =>
      parseOperand(v, kind, `${opPath}[${i}]`, label),
    ),
  };
}

function parseOperand(
  value: unknown,
  kind: PropertyKind,
  path: string,
  label: string,
): Operand {
  if (typeof value === 'string' && value.startsWith('$user')) {
    const match = REF.exec(value);
    if (!match) {
      throw invalidRule(
        label,
        path,
        `${show(value)} is not a valid reference; write "$user.<attribute>"`,
      );
    }
    return {ref: match[1]};
  }
  if (value === null || value === undefined) {
    throw invalidRule(
      label,
      path,
      `${show(value)} is not a value a rule may compare with`,
    );
  }
  const ok =
    kind === 'number'
      ? typeof value === 'number' && Number.isFinite(value)
      : typeof value === kind;
  if (!ok) {
    throw invalidRule(label, path, `expected a ${kind}, got ${show(value)}`);
  }
  return {literal: value as string | number | boolean};
}

/**
 * The kind of a property of the resource, `undefined` when it has none
 * @param field - The property name
 * @param schema - The resource
 */
export function propertyKind(
  field: string,
  schema: ResourceSchema,
): PropertyKind | undefined {
  if (PROTOTYPE_KEYS.has(field)) return undefined;
  return Object.prototype.hasOwnProperty.call(schema.properties, field)
    ? schema.properties[field]
    : undefined;
}

/**
 * The caller attributes a condition reads, with the kind of the property each
 * is compared with (once per attribute and kind)
 * @param condition - The condition
 * @param refs - Where to add them
 */
export function collectRefs(
  condition: Condition,
  refs: [string, PropertyKind][] = [],
): [string, PropertyKind][] {
  if (condition.op === 'and' || condition.op === 'or') {
    for (const item of condition.items) collectRefs(item, refs);
    return refs;
  }
  const leaf = condition as Comparison | ListComparison;
  const operands = 'value' in leaf ? [leaf.value] : leaf.values;
  for (const operand of operands) {
    if (
      'ref' in operand &&
      !refs.some(([n, k]) => n === operand.ref && k === leaf.kind)
    ) {
      refs.push([operand.ref, leaf.kind]);
    }
  }
  return refs;
}

/**
 * Is it an object that is not an array, a date or a class instance?
 * @param value - Any value
 */
export function isPlainObject(
  value: unknown,
): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A value shown in an error message
 * @param value - Any value
 */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
