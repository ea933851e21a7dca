// Copyright The loopback-security-monorepo authors. License: MIT.

import {describeValue} from '@loopback/authorization';
import {createStoreError, PostgresAuthorizationErrorCode} from '../errors';
import {StoredRule} from './store.types';

// Checks of what the store is asked to write. The store keeps rules opaque
// (the policy package validates their meaning); it only makes sure that what
// it writes can be read back as what was meant. PostgreSQL's text and jsonb
// cannot hold the NUL character: a string with one is refused here (422,
// naming the part) instead of failing in the database (500). The numbers
// the store, the feed and the component are configured with are checked here
// too (500, naming the option): the feed and the component build on the
// store, never the other way round.

/**
 * The most roles one assignment may hold
 */
export const MAX_ROLES_PER_ASSIGNMENT = 1000;

/**
 * The error of malformed input to the store (422)
 * @param message - What was wrong, and where
 */
export function invalidInput(message: string) {
  return createStoreError(
    message,
    422,
    PostgresAuthorizationErrorCode.INVALID_INPUT,
  );
}

/**
 * Check a non-empty string argument
 * @param what - What it is, for the message (`principal`, `rule id`)
 * @param value - The value
 */
export function checkName(what: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw invalidInput(
      `Invalid ${what}: expected a non-empty string, got ${describeValue(value)}`,
    );
  }
  return checkStorable(what, value);
}

/**
 * A high surrogate not followed by a low one, or a low one not preceded by a
 * high one
 */
const UNPAIRED_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What in a string PostgreSQL cannot store as it is: a NUL character (text
 * and JSON refuse it), an unpaired surrogate (JSON refuses it, text stores
 * U+FFFD instead, so that two strings would become one); `undefined` when
 * nothing
 * @param value - The string
 */
export function unstorable(value: string): string | undefined {
  if (value.includes('\u0000')) return 'a NUL character';
  if (UNPAIRED_SURROGATE.test(value)) return 'an unpaired surrogate';
  return undefined;
}

/**
 * Refuse a string that PostgreSQL cannot store as it is ({@link unstorable})
 * @param what - What it is, for the message
 * @param value - The string
 */
export function checkStorable(what: string, value: string): string {
  const fault = unstorable(value);
  if (fault) throw invalidInput(`Invalid ${what}: it holds ${fault}`);
  return value;
}

/**
 * Check a rule and turn it into the JSON text to store
 * @param rule - The rule
 * @param index - Its position, when several are written at once
 */
export function ruleToJson(rule: unknown, index?: number): [string, string] {
  const where = index === undefined ? 'rule' : `rule at index ${index}`;
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) {
    throw invalidInput(
      `Invalid ${where}: expected an object, got ${describeValue(rule)}`,
    );
  }
  const id = checkName(`"id" of ${where}`, (rule as StoredRule).id);
  let json: string | undefined;
  try {
    json = JSON.stringify(rule);
  } catch (err) {
    throw invalidInput(
      `Invalid rule "${id}": not JSON (${(err as Error).message})`,
    );
  }
  // JSON.stringify drops what JSON cannot hold; what is read back must be
  // what was written, so a rule that loses a field is refused
  if (!sameJson(rule, JSON.parse(json))) {
    throw invalidInput(
      `Invalid rule "${id}": it holds values JSON cannot keep ` +
        '(undefined, functions, symbols, non-finite numbers or class instances)',
    );
  }
  const fault = unstorableIn(rule, '');
  if (fault !== undefined) {
    throw invalidInput(`Invalid rule "${id}": ${fault}`);
  }
  return [id, json];
}

/**
 * Where a JSON value holds what PostgreSQL cannot store, as `the string at
 * "where.name" holds a NUL character`; `undefined` when nowhere
 */
function unstorableIn(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') {
    const fault = unstorable(value);
    return fault ? `the string at "${path}" holds ${fault}` : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    const fault = unstorable(key);
    if (fault) {
      const where = path === '' ? 'a key of the rule' : `a key of "${path}"`;
      return `${where} holds ${fault}`;
    }
    const found = unstorableIn(child, at);
    if (found !== undefined) return found;
  }
  return undefined;
}

function sameJson(original: unknown, parsed: unknown): boolean {
  if (original === null || typeof original !== 'object') {
    return Object.is(original, parsed);
  }
  if (parsed === null || typeof parsed !== 'object') return false;
  if (Array.isArray(original) !== Array.isArray(parsed)) return false;
  const proto = Object.getPrototypeOf(original);
  if (
    !Array.isArray(original) &&
    proto !== Object.prototype &&
    proto !== null
  ) {
    return false;
  }
  const keys = Object.keys(original);
  if (keys.length !== Object.keys(parsed).length) return false;
  return keys.every(key =>
    sameJson(
      (original as Record<string, unknown>)[key],
      (parsed as Record<string, unknown>)[key],
    ),
  );
}

/**
 * Check a list of role names; duplicates are dropped, order is kept
 * @param principal - Whose roles, for the message
 * @param roles - The role names
 */
export function checkRoles(principal: string, roles: unknown): string[] {
  if (!Array.isArray(roles)) {
    throw invalidInput(
      `Invalid roles of principal "${principal}": expected an array of role names, got ${describeValue(roles)}`,
    );
  }
  if (roles.length > MAX_ROLES_PER_ASSIGNMENT) {
    throw invalidInput(
      `Invalid roles of principal "${principal}": ${roles.length} roles, ` +
        `more than the ${MAX_ROLES_PER_ASSIGNMENT} allowed`,
    );
  }
  roles.forEach((role, index) =>
    checkName(`role at index ${index} of principal "${principal}"`, role),
  );
  return [...new Set(roles as string[])];
}

/**
 * Check a tenant: `undefined` and `''` mean every tenant
 * @param tenant - The tenant
 */
export function checkTenant(tenant: unknown): string {
  if (tenant === undefined) return '';
  if (typeof tenant !== 'string') {
    throw invalidInput(
      `Invalid tenant: expected a string, got ${describeValue(tenant)}`,
    );
  }
  return checkStorable('tenant', tenant);
}

/**
 * The error of a malformed option
 * @param where - Whose options, for the message
 * @param message - What was wrong
 */
export function invalidOption(where: string, message: string) {
  return createStoreError(
    `Invalid ${where}: ${message}`,
    500,
    PostgresAuthorizationErrorCode.INVALID_OPTIONS,
  );
}

/**
 * Check that an option is a number in a range
 * @param where - Whose options, for the message
 * @param name - The option
 * @param value - Its value
 * @param min - The least value allowed
 * @param integer - Whether it must be an integer
 */
export function checkNumberOption(
  where: string,
  name: string,
  value: unknown,
  min: number,
  integer = false,
): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    (integer && !Number.isInteger(value))
  ) {
    throw invalidOption(
      where,
      `"${name}" must be ${integer ? 'an integer' : 'a finite number'} ` +
        `of at least ${min}, got ${describeValue(value)}`,
    );
  }
  return value;
}
