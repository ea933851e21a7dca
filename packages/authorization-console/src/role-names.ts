// Copyright The loopback-security-monorepo authors. License: MIT.

import {show} from './console-options';

const MAX_ROLE_LENGTH = 100;

/**
 * How a list of role names is checked
 */
export interface RoleNamesCheck {
  /**
   * The fewest names
   */
  min: number;
  /**
   * The most names
   */
  max: number;
  /**
   * What else a name must not be: a message, or `undefined` when it is fine
   */
  refuse?: (role: string) => string | undefined;
  /**
   * The error of a fault at a part (`roles`, `roles[1]`)
   */
  fail: (path: string, message: string) => Error;
}

/**
 * Check a list of role names: an array of `min` to `max` distinct non-empty
 * names of at most 100 characters, and whatever `refuse` adds; throws the
 * error `fail` makes, naming the item at fault
 * @param value - The list as received
 * @param check - The bounds and the error
 */
export function checkRoleNameList(
  value: unknown,
  check: RoleNamesCheck,
): string[] {
  const {min, max, fail} = check;
  if (!Array.isArray(value) || value.length < min || value.length > max) {
    throw fail(
      'roles',
      `expected an array of ${min} to ${max} role names, got ${show(value)}`,
    );
  }
  const seen = new Set<string>();
  value.forEach((role: unknown, i) => {
    if (
      typeof role !== 'string' ||
      role === '' ||
      role.length > MAX_ROLE_LENGTH
    ) {
      throw fail(
        `roles[${i}]`,
        `expected a non-empty name of at most ${MAX_ROLE_LENGTH} characters, got ${show(role)}`,
      );
    }
    const refused = check.refuse?.(role);
    if (refused) throw fail(`roles[${i}]`, refused);
    if (seen.has(role)) throw fail(`roles[${i}]`, `"${role}" is repeated`);
    seen.add(role);
  });
  return value as string[];
}
