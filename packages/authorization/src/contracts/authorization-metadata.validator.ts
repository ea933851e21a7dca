// Copyright The loopback-security-monorepo authors. License: MIT.

import {AuthorizationErrorCode, createAuthorizationError} from '../errors';
import {describeValue} from '../helpers/describe-value';
import {AuthorizationMetadata} from './metadata';

/**
 * Keys that look like authorization metadata but are not, with the key that
 * was meant. Left unchecked they would be ignored silently, and the method
 * would be open to callers it was meant to refuse.
 */
const MISTAKEN_KEYS: Record<string, string> = {
  allow: 'allowedRoles',
  allowed: 'allowedRoles',
  allowRoles: 'allowedRoles',
  allowedRole: 'allowedRoles',
  roles: 'allowedRoles',
  deny: 'deniedRoles',
  denied: 'deniedRoles',
  denyRoles: 'deniedRoles',
  deniedRole: 'deniedRoles',
  scope: 'scopes',
  voter: 'voters',
};

/**
 * Keys that could reach an object's prototype when metadata is merged
 */
const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

const STRING_LISTS = ['allowedRoles', 'deniedRoles', 'scopes'] as const;

/**
 * Check `@authorize` metadata and throw an error naming the decorated target
 * and the faulty field when it is malformed.
 *
 * @param spec - The metadata given to the decorator
 * @param targetName - The decorated class or method, for the message
 */
export function validateAuthorizationMetadata(
  spec: unknown,
  targetName: string,
): asserts spec is AuthorizationMetadata {
  const fail = (what: string) =>
    createAuthorizationError(
      `Invalid @authorize metadata on ${targetName}: ${what}`,
      500,
      AuthorizationErrorCode.INVALID_METADATA,
    );
  if (spec == null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw fail(`expected an object, got ${describeValue(spec)}`);
  }
  const metadata = spec as Record<string, unknown>;
  for (const key of Object.keys(metadata)) {
    if (FORBIDDEN_KEYS.includes(key)) {
      // LoopBack merges inherited metadata with Object.assign, which would
      // make such a key the prototype of the merged metadata
      throw fail(`the key "${key}" is not allowed`);
    }
    if (Object.prototype.hasOwnProperty.call(MISTAKEN_KEYS, key)) {
      throw fail(`unknown key "${key}"; did you mean "${MISTAKEN_KEYS[key]}"?`);
    }
  }
  for (const field of STRING_LISTS) {
    const list = metadata[field];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      throw fail(
        `"${field}" must be an array of strings, got ${describeValue(list)}`,
      );
    }
    list.forEach((item, index) => {
      if (typeof item !== 'string' || item === '') {
        throw fail(
          `"${field}[${index}]" must be a non-empty string, got ${describeValue(item)}`,
        );
      }
    });
  }
  const voters = metadata.voters;
  if (voters !== undefined) {
    if (!Array.isArray(voters)) {
      throw fail(`"voters" must be an array, got ${describeValue(voters)}`);
    }
    voters.forEach((voter, index) => {
      if (!isVoterReference(voter)) {
        throw fail(
          `"voters[${index}]" must be a function or a binding key, got ${describeValue(voter)}`,
        );
      }
    });
  }
  if (
    metadata.resource !== undefined &&
    typeof metadata.resource !== 'string'
  ) {
    throw fail(
      `"resource" must be a string, got ${describeValue(metadata.resource)}`,
    );
  }
  if (metadata.ownership !== undefined) {
    checkOwnership(metadata.ownership, fail);
  }
  if (metadata.skip !== undefined && typeof metadata.skip !== 'boolean') {
    throw fail(`"skip" must be a boolean, got ${describeValue(metadata.skip)}`);
  }
}

function checkOwnership(ownership: unknown, fail: (what: string) => Error) {
  if (ownership == null || typeof ownership !== 'object') {
    throw fail(
      `"ownership" must be an object, got ${describeValue(ownership)}`,
    );
  }
  const {owner, instanceId} = ownership as Record<string, unknown>;
  if (!isVoterReference(owner)) {
    throw fail(
      `"ownership.owner" must be a function or a binding key, got ${describeValue(owner)}`,
    );
  }
  const index = typeof instanceId === 'number';
  if (
    instanceId !== undefined &&
    typeof instanceId !== 'function' &&
    !(index && Number.isInteger(instanceId) && (instanceId as number) >= 0)
  ) {
    throw fail(
      `"ownership.instanceId" must be an argument index or a function, got ${describeValue(instanceId)}`,
    );
  }
}

/**
 * A voter of `@authorize`: a function, a key string or a `BindingKey`
 */
function isVoterReference(voter: unknown): boolean {
  if (typeof voter === 'function') return true;
  if (typeof voter === 'string') return voter !== '';
  // A BindingKey, possibly from another copy of @loopback/context
  return (
    voter != null &&
    typeof voter === 'object' &&
    typeof (voter as {key?: unknown}).key === 'string' &&
    (voter as {key: string}).key !== ''
  );
}
