// Copyright The loopback-security-monorepo authors. License: MIT.

// The pieces of the guard that need no guard state: the checks of data to
// write, the 403 of an action, and how the rules' filter joins a condition.

import type {Where} from '@loopback/repository';
import {
  CALLER_CONDITION_LIMITS,
  ConditionLimits,
  textFault,
} from '../conditions/condition.limits';
import {forbidden, invalidData, PolicyError, PolicyErrorCode} from '../errors';
import {PolicyFilter} from '../types';

/**
 * The sizes of the condition of the rows LoopBack includes in the rows of
 * another repository: the caller's scope, checked with the caller's limits
 * where the caller sent it, written anew, and the foreign keys of the rows
 * it is included in, as many as those rows
 */
export const INCLUSION_LIMITS: Readonly<ConditionLimits> = Object.freeze({
  ...CALLER_CONDITION_LIMITS,
  comparisons: 4 * CALLER_CONDITION_LIMITS.comparisons,
  listLength: Number.MAX_SAFE_INTEGER,
  values: Number.MAX_SAFE_INTEGER,
});

/**
 * Throw a 422 naming the first string of data to write that no database
 * could store alike: a NUL character (PostgreSQL refuses it), an unpaired
 * surrogate (stored as U+FFFD there, as is in memory)
 * @param data - The properties written
 * @param path - Where they stand
 */
export function checkData(data: unknown, path = 'data', depth = 0): void {
  if (typeof data === 'string') {
    const fault = textFault(data);
    if (fault) throw invalidData(path, fault);
    return;
  }
  if (data === null || typeof data !== 'object' || depth > 32) return;
  for (const [key, value] of Object.entries(data)) {
    checkData(value, `${path}.${key}`, depth + 1);
  }
}

/**
 * The rules' filter AND a condition, the rules' first
 * @param policy - The rules' filter
 * @param where - The other condition, if any
 */
export function and(policy: PolicyFilter, where: Where | undefined): Where {
  const hasWhere = where !== undefined && Object.keys(where).length > 0;
  const hasPolicy = Object.keys(policy.where).length > 0;
  if (hasWhere && hasPolicy) return {and: [policy.where, where]};
  return hasPolicy ? policy.where : (where ?? {});
}

/**
 * Throw a 403 naming the first property written that is not writable
 */
export function checkWritable(
  properties: readonly string[],
  writable: readonly string[],
  resource: string,
): void {
  for (const name of properties) {
    if (!writable.includes(name)) throw forbidden('data', name, resource);
  }
}

/**
 * The 403 of an action the caller may not perform on an instance
 */
export function forbiddenAction(resource: string, action: string): PolicyError {
  return new PolicyError(
    `Forbidden: may not ${action} this ${resource}`,
    403,
    PolicyErrorCode.FORBIDDEN,
  );
}
