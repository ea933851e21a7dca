// Copyright The loopback-security-monorepo authors. License: MIT.

import {PropertyKind, ResourceSchema} from '../types';

// The tree of a parsed condition, which the parser builds (from a rule's
// `where` or a caller's filter) and the compiler reads twice: as a predicate
// of one instance and as a `Where` of a query.

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
 * Whether a property is null or missing (`isNull`) or holds a value
 * (`notNull`): `{p: null}` and `{p: {neq: null}}` of a caller's filter.
 * Rules never hold one: a rule compares with values.
 */
export interface NullTest {
  /**
   * Which test
   */
  readonly op: 'isNull' | 'notNull';
  /**
   * The property
   */
  readonly field: string;
  /**
   * The kind of the property
   */
  readonly kind: PropertyKind;
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
export type Condition = Junction | Comparison | ListComparison | NullTest;

/**
 * Names that are never properties nor attributes: reading them from an
 * object reaches its prototype
 */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

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
  if (condition.op === 'isNull' || condition.op === 'notNull') return refs;
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
