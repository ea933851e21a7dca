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
 * The sizes of a condition
 */
export interface ConditionLimits {
  /**
   * The most `and`/`or` nested in one another
   */
  depth: number;
  /**
   * The most comparisons in one condition
   */
  comparisons: number;
  /**
   * The most values in one `inq` or `nin`
   */
  listLength: number;
  /**
   * The most values compared with in one condition, lists included
   */
  values: number;
  /**
   * The most characters in one string
   */
  textLength: number;
}

/**
 * The sizes a rule's condition may not exceed; a caller's filter has those
 * of {@link CALLER_CONDITION_LIMITS}.
 *
 * @remarks
 * `depth` keeps the query the rules' filter and a caller's condition make
 * together within what the connectors read: LoopBack refuses a query nested
 * deeper than its `maxDepthOfQuery` (32 levels by default), and each `and`
 * or `or` costs two. The others bound the work of one request.
 */
export const CONDITION_LIMITS: Readonly<ConditionLimits> = Object.freeze({
  /**
   * The most `and`/`or` nested in one another
   */
  depth: 8,
  /**
   * The most comparisons in one condition
   */
  comparisons: 32,
  /**
   * The most values in one `inq` or `nin`
   */
  listLength: 256,
  /**
   * The most values compared with in one condition, lists included: a
   * condition costs about this many comparisons a row
   */
  values: 512,
  /**
   * The most characters in one string
   */
  textLength: 4096,
});

/**
 * The sizes a caller's condition may not exceed: those of
 * {@link CONDITION_LIMITS} with fewer comparisons. A caller's comparisons
 * run on every row a query reads (on the memory connector, each through
 * juggler's generic matcher), so they are bounded to keep the cost of any
 * filter within twice that of listing the rows.
 */
export const CALLER_CONDITION_LIMITS: Readonly<ConditionLimits> = Object.freeze(
  {
    ...CONDITION_LIMITS,
    comparisons: 16,
  },
);

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
 * Names that are never properties nor attributes: reading them from an
 * object reaches its prototype
 */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/**
 * A high surrogate not followed by a low one, or a low one not preceded by a
 * high one
 */
const UNPAIRED_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

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
    throw syntax.fail(path, `expected an object, got ${show(where)}`);
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
        `expected a non-empty array of conditions, got ${show(value)}`,
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
      `${show(field)} is not a property of ${schema.name}`,
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
      `expected exactly one operator, got ${ops.length === 0 ? 'none' : ops.map(o => show(o)).join(', ')}`,
    );
  }
  const op = ops[0];
  const opPath = `${path}.${op}`;
  if (Object.prototype.hasOwnProperty.call(REFUSED, op)) {
    throw syntax.fail(opPath, `"${op}" is refused: ${REFUSED[op]}`);
  }
  if (!COMPARISONS.has(op) && !LISTS.has(op)) {
    throw syntax.fail(opPath, `unknown operator ${show(op)}`);
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
    throw syntax.fail(opPath, `expected a non-empty array, got ${show(value)}`);
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
        `${show(value)} is not a valid reference; write "$user.<attribute>", an attribute that is not "__proto__", "constructor" or "prototype"`,
      );
    }
    return {ref: match[1]};
  }
  if (value === null || value === undefined) {
    throw syntax.fail(
      path,
      `${show(value)} is not a value ${syntax.references ? 'a rule' : 'this operator'} may compare with`,
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
    throw syntax.fail(path, `expected a ${kind}, got ${show(value)}`);
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
 * What is wrong with a string that a database could not store or compare:
 * a NUL character (PostgreSQL refuses it in text and JSON), an unpaired
 * surrogate, or more than {@link CONDITION_LIMITS}.textLength characters;
 * `undefined` for a good one
 * @param value - The string
 */
export function textFault(value: string): string | undefined {
  if (value.length > CONDITION_LIMITS.textLength) {
    return `is too long: at most ${CONDITION_LIMITS.textLength} characters, got ${value.length}`;
  }
  if (value.includes('\u0000')) return 'contains a NUL character (\\u0000)';
  if (UNPAIRED_SURROGATE.test(value)) {
    return 'is not well-formed Unicode (an unpaired surrogate)';
  }
  return undefined;
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
