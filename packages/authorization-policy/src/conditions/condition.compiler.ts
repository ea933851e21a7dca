// Copyright The loopback-security-monorepo authors. License: MIT.

import type {Where} from '@loopback/repository';
import {Comparison, Condition, Operand} from './condition';
import {PropertyKind} from '../types';

/**
 * The attributes of a caller that `$user.<x>` reads
 */
export type Attributes = Readonly<Record<string, unknown>>;

/**
 * A compiled condition: does the instance satisfy it, for this caller?
 */
export type Predicate = (
  row: Readonly<Record<string, unknown>>,
  user: Attributes,
) => boolean;

type Value = string | number | boolean;
type Getter = (user: Attributes) => Value;

/**
 * Compile a condition into a function of the instance and the caller.
 *
 * @remarks
 * The meaning is SQL's: a comparison with a property that is null or missing
 * is false, whatever the operator (`neq` and `nin` included), and `and`,
 * `or` combine as usual. The caller's attributes must have been checked with
 * {@link hasAttributes} first.
 *
 * @param condition - A parsed condition
 */
export function compilePredicate(condition: Condition): Predicate {
  switch (condition.op) {
    case 'and': {
      const items = condition.items.map(compilePredicate);
      return (row, user) => items.every(p => p(row, user));
    }
    case 'or': {
      const items = condition.items.map(compilePredicate);
      return (row, user) => items.some(p => p(row, user));
    }
    case 'inq':
    case 'nin': {
      const {field} = condition;
      const values = condition.values.map(getter);
      const inq = condition.op === 'inq';
      return (row, user) => {
        const v = row[field];
        if (v == null) return false;
        return values.some(g => g(user) === v) === inq;
      };
    }
    case 'isNull':
    case 'notNull': {
      const {field} = condition;
      const isNull = condition.op === 'isNull';
      return row => (row[field] == null) === isNull;
    }
    case 'between': {
      const {field} = condition;
      const [low, high] = condition.values.map(getter);
      return (row, user) => {
        const v = row[field] as number;
        return (
          v != null && v >= (low(user) as number) && v <= (high(user) as number)
        );
      };
    }
    default: {
      const {field, op} = condition;
      const get = getter(condition.value);
      const test = COMPARE[op];
      return (row, user) => {
        const v = row[field] as Value | null | undefined;
        return v != null && test(v, get(user));
      };
    }
  }
}

const COMPARE: Record<string, (a: Value, b: Value) => boolean> = {
  eq: (a, b) => a === b,
  neq: (a, b) => a !== b,
  gt: (a, b) => a > b,
  gte: (a, b) => a >= b,
  lt: (a, b) => a < b,
  lte: (a, b) => a <= b,
};

function getter(operand: Operand): Getter {
  if ('literal' in operand) {
    const value = operand.literal;
    return () => value;
  }
  const name = operand.ref;
  return user => user[name] as Value;
}

/**
 * Does the caller have every attribute a condition reads, of the kind of
 * the property it is compared with? A missing attribute never matches.
 *
 * @param refs - The attributes and kinds, from `collectRefs`
 * @param user - The caller's attributes
 */
export function hasAttributes(
  refs: readonly (readonly [string, PropertyKind])[],
  user: Attributes,
): boolean {
  for (const [name, kind] of refs) {
    if (!Object.prototype.hasOwnProperty.call(user, name)) return false;
    const value = user[name];
    if (typeof value !== kind) return false;
    if (kind === 'number' && !Number.isFinite(value)) return false;
  }
  return true;
}

/**
 * Write a condition as a LoopBack `Where` that selects the same instances as
 * {@link compilePredicate}, or its negation, on the memory connector and on
 * SQL connectors alike.
 *
 * @remarks
 * `Where` has no `not`: a negation is pushed down to the comparisons (De
 * Morgan). The memory connector lets `neq` and `nin` match a missing value
 * while SQL does not, so a positive `neq` or `nin` says `{neq: null}` too,
 * and a negated comparison says `{field: null}` explicitly: the negation of
 * "the value equals x" holds where the value is missing.
 *
 * @param condition - A parsed condition
 * @param user - The caller's attributes, checked with {@link hasAttributes}
 * @param negate - Write the negation
 */
export function conditionToWhere(
  condition: Condition,
  user: Attributes,
  negate = false,
): Where {
  if (condition.op === 'and' || condition.op === 'or') {
    // De Morgan: not (a and b) = (not a) or (not b)
    const op = (condition.op === 'and') !== negate ? 'and' : 'or';
    const items = new Map<string, Where>();
    for (const item of condition.items) {
      const where = conditionToWhere(item, user, negate);
      // A junction of the same kind inside joins this one: the query keeps
      // the depth of the condition, however often it is written anew; an
      // item written twice (the `{p: {neq: null}}` of every `neq` on `p`)
      // is evaluated once
      const inner = (where as Record<string, unknown>)[op];
      const joined =
        Object.keys(where).length === 1 && Array.isArray(inner)
          ? (inner as Where[])
          : [where];
      for (const w of joined) items.set(JSON.stringify(w), w);
    }
    return {[op]: [...items.values()]} as Where;
  }
  const {field} = condition as Comparison;
  const leaf = (spec: unknown): Where => ({[field]: spec}) as Where;
  const isNull = leaf(null);
  if (condition.op === 'isNull' || condition.op === 'notNull') {
    return (condition.op === 'isNull') !== negate ? isNull : leaf({neq: null});
  }
  if (condition.op === 'inq' || condition.op === 'nin') {
    const values = condition.values.map(v => getter(v)(user));
    const inq = (condition.op === 'inq') !== negate;
    const test = leaf(inq ? {inq: values} : {nin: values});
    if (negate) return {or: [isNull, test]};
    return inq ? test : {and: [test, leaf({neq: null})]};
  }
  if (condition.op === 'between') {
    const [low, high] = condition.values.map(v => getter(v)(user));
    if (!negate) return leaf({between: [low, high]});
    return {or: [isNull, leaf({lt: low}), leaf({gt: high})]};
  }
  const {value: operand, op: positive} = condition as Comparison;
  const value = getter(operand)(user);
  const op = negate ? NEGATION[positive] : positive;
  const test = op === 'eq' ? leaf(value) : leaf({[op]: value});
  if (negate) return {or: [isNull, test]};
  return op === 'neq' ? {and: [test, leaf({neq: null})]} : test;
}

const NEGATION: Record<string, string> = {
  eq: 'neq',
  neq: 'eq',
  gt: 'lte',
  gte: 'lt',
  lt: 'gte',
  lte: 'gt',
};
