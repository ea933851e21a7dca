// Copyright The loopback-security-monorepo authors. License: MIT.

import {describeValue} from '@loopback/authorization';
import {invalidRule} from '../errors';
import {PropertyKind, ResourceSchema} from '../types';
import {
  ComparisonOperator,
  Condition,
  Operand,
  propertyKind,
  PROTOTYPE_KEYS,
} from './condition';
import {CONDITION_LIMITS, ConditionLimits, textFault} from './condition.limits';

/**
 * How a condition is read: by a rule (values may name the caller) or from a
 * caller's filter (values are literals; null tests allowed)
 */
export interface ConditionSyntax {
  /**
   * The resource the condition is about
   */
  readonly schema: ResourceSchema;
  /**
   * The error of a part, such as `where.total.gt`
   */
  fail(path: string, what: string): Error;
  /**
   * Whether `$user.<x>` names a caller attribute (rules) rather than being a
   * string like any other (callers' filters)
   */
  readonly references: boolean;
  /**
   * Whether `{p: null}` and `{p: {neq: null}}` are allowed, and numbers and
   * booleans written as strings (as a query string sends them) are read
   */
  readonly lenient: boolean;
  /**
   * Called with each property the condition names, after it is known to be
   * a property of the resource; throws to refuse it
   */
  checkProperty?(field: string): void;
  /**
   * The sizes it may not exceed. Default: {@link CONDITION_LIMITS}.
   */
  readonly limits?: ConditionLimits;
}

const COMPARISONS = new Set(['eq', 'neq', 'gt', 'gte', 'lt', 'lte']);
const ORDERINGS = new Set(['gt', 'gte', 'lt', 'lte', 'between']);
const LISTS = new Set(['inq', 'nin', 'between']);

/**
 * Operators of LoopBack's `Where` that are refused, and why
 */
const REFUSED: Record<string, string> = {
  like: 'patterns run in a backtracking regular-expression engine in memory, and the memory connector and SQL databases do not match the same strings (regular expression characters, case, anchoring)',
  nlike:
    'patterns run in a backtracking regular-expression engine in memory, and the memory connector and SQL databases do not match the same strings',
  ilike:
    'patterns run in a backtracking regular-expression engine in memory, and the memory connector and SQL databases do not match the same strings',
  nilike:
    'patterns run in a backtracking regular-expression engine in memory, and the memory connector and SQL databases do not match the same strings',
  regexp:
    'regular expressions run in a backtracking engine, where one pattern can hold the server for seconds, and differ between databases',
  near: 'geographic conditions are not evaluated in memory',
  exists: 'the memory connector and SQL databases disagree about it',
};

/**
 * The reference to a caller attribute: `$user.` and an identifier
 */
const REF = /^\$user\.([A-Za-z_][A-Za-z0-9_]*)$/;

/**
 * A number, as a query string writes it
 */
const NUMBER_TEXT = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Parse and check the `where` of a rule against the resource's properties.
 * Throws an error (422) that names the rule and the part at fault.
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
  return readCondition(where, {
    schema,
    references: true,
    lenient: false,
    fail: (path, what) => invalidRule(label, path, what),
  });
}

/**
 * Parse and check a condition with the given syntax, within
 * {@link CONDITION_LIMITS}
 * @param where - The condition as written
 * @param syntax - How to read it, and how to fail
 * @param path - Where it stands, for errors. Default: `where`.
 */
export function readCondition(
  where: unknown,
  syntax: ConditionSyntax,
  path = 'where',
): Condition {
  const budget = {comparisons: 0, values: 0};
  return parseWhere(where, path, syntax, 0, budget);
}

function limitsOf(syntax: ConditionSyntax): ConditionLimits {
  return syntax.limits ?? CONDITION_LIMITS;
}

/**
 * What a condition has used of its limits so far
 */
interface Budget {
  comparisons: number;
  values: number;
}

function parseWhere(
  where: unknown,
  path: string,
  syntax: ConditionSyntax,
  depth: number,
  budget: Budget,
): Condition {
  if (!isPlainObject(where)) {
    throw syntax.fail(path, `expected an object, got ${describeValue(where)}`);
  }
  const keys = Object.keys(where);
  if (keys.length === 0) {
    throw syntax.fail(
      path,
      'an empty condition; leave "where" out to match every instance',
    );
  }
  const items = keys.map(key => {
    const value = where[key];
    const part = `${path}.${key}`;
    if (key !== 'and' && key !== 'or') {
      if (++budget.comparisons > limitsOf(syntax).comparisons) {
        throw syntax.fail(
          part,
          `too many comparisons: at most ${limitsOf(syntax).comparisons}`,
        );
      }
      return parseField(key, value, part, syntax, budget);
    }
    if (depth >= limitsOf(syntax).depth) {
      throw syntax.fail(
        part,
        `nested too deeply: at most ${limitsOf(syntax).depth} levels of "and" and "or"`,
      );
    }
    if (!Array.isArray(value) || value.length === 0) {
      throw syntax.fail(
        part,
        `expected a non-empty array of conditions, got ${describeValue(value)}`,
      );
    }
    const op: 'and' | 'or' = key;
    return {
      op,
      items: value.map((item, i) =>
        parseWhere(item, `${part}[${i}]`, syntax, depth + 1, budget),
      ),
    };
  });
  return items.length === 1 ? items[0] : {op: 'and', items};
}

function parseField(
  field: string,
  spec: unknown,
  path: string,
  syntax: ConditionSyntax,
  budget: Budget,
): Condition {
  const {schema} = syntax;
  const kind = propertyKind(field, schema);
  if (kind === undefined) {
    throw syntax.fail(
      path,
      `${describeValue(field)} is not a property of ${schema.name}`,
    );
  }
  syntax.checkProperty?.(field);
  if (kind === 'other') {
    throw syntax.fail(
      path,
      `"${field}" cannot be compared: only string, number and boolean properties can`,
    );
  }
  if (!isPlainObject(spec)) {
    // The shorthand {field: value} means eq
    return comparison('eq', field, kind, spec, path, syntax);
  }
  const ops = Object.keys(spec);
  if (ops.length !== 1) {
    throw syntax.fail(
      path,
      `expected exactly one operator, got ${ops.length === 0 ? 'none' : ops.map(o => describeValue(o)).join(', ')}`,
    );
  }
  const op = ops[0];
  const opPath = `${path}.${op}`;
  if (Object.prototype.hasOwnProperty.call(REFUSED, op)) {
    throw syntax.fail(opPath, `"${op}" is refused: ${REFUSED[op]}`);
  }
  if (!COMPARISONS.has(op) && !LISTS.has(op)) {
    throw syntax.fail(opPath, `unknown operator ${describeValue(op)}`);
  }
  if (ORDERINGS.has(op) && kind !== 'number') {
    throw syntax.fail(
      opPath,
      `"${op}" needs a number property; SQL collations order strings unlike JavaScript`,
    );
  }
  const value = spec[op];
  budget.values += Array.isArray(value) ? value.length : 1;
  if (budget.values > limitsOf(syntax).values) {
    throw syntax.fail(
      opPath,
      `too many values: at most ${limitsOf(syntax).values} in one condition`,
    );
  }
  if (!LISTS.has(op)) {
    return comparison(
      op as ComparisonOperator,
      field,
      kind,
      value,
      opPath,
      syntax,
    );
  }
  if (!Array.isArray(value) || value.length === 0) {
    throw syntax.fail(
      opPath,
      `expected a non-empty array, got ${describeValue(value)}`,
    );
  }
  if (op === 'between' && value.length !== 2) {
    throw syntax.fail(
      opPath,
      `expected two bounds, got ${value.length} values`,
    );
  }
  if (value.length > limitsOf(syntax).listLength) {
    throw syntax.fail(
      opPath,
      `too many values: at most ${limitsOf(syntax).listLength}, got ${value.length}`,
    );
  }
  return {
    op: op as 'inq' | 'nin' | 'between',
    field,
    kind,
    values: value.map((v, i) =>
      parseOperand(v, kind, `${opPath}[${i}]`, syntax),
    ),
  };
}

function comparison(
  op: ComparisonOperator,
  field: string,
  kind: PropertyKind,
  value: unknown,
  path: string,
  syntax: ConditionSyntax,
): Condition {
  if (value === null && syntax.lenient && (op === 'eq' || op === 'neq')) {
    return {op: op === 'eq' ? 'isNull' : 'notNull', field, kind};
  }
  return {op, field, kind, value: parseOperand(value, kind, path, syntax)};
}

function parseOperand(
  value: unknown,
  kind: PropertyKind,
  path: string,
  syntax: ConditionSyntax,
): Operand {
  if (
    syntax.references &&
    typeof value === 'string' &&
    value.startsWith('$user')
  ) {
    const match = REF.exec(value);
    if (!match || PROTOTYPE_KEYS.has(match[1])) {
      throw syntax.fail(
        path,
        `${describeValue(value)} is not a valid reference; write "$user.<attribute>", an attribute that is not "__proto__", "constructor" or "prototype"`,
      );
    }
    return {ref: match[1]};
  }
  if (value === null || value === undefined) {
    throw syntax.fail(
      path,
      `${describeValue(value)} is not a value ${syntax.references ? 'a rule' : 'this operator'} may compare with`,
    );
  }
  if (typeof value === 'string') {
    const fault = textFault(value);
    if (fault) throw syntax.fail(path, fault);
  }
  const literal = syntax.lenient ? fromText(value, kind) : value;
  const ok =
    kind === 'number'
      ? typeof literal === 'number' && Number.isFinite(literal)
      : typeof literal === kind;
  if (!ok) {
    throw syntax.fail(path, `expected a ${kind}, got ${describeValue(value)}`);
  }
  return {literal: literal as string | number | boolean};
}

/**
 * A number or a boolean written as a string, as a query string sends them,
 * read as one; any other value as it is
 */
function fromText(value: unknown, kind: PropertyKind): unknown {
  if (typeof value !== 'string') return value;
  if (kind === 'number' && NUMBER_TEXT.test(value)) return Number(value);
  if (kind === 'boolean' && (value === 'true' || value === 'false')) {
    return value === 'true';
  }
  return value;
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
