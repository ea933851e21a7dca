// Copyright The loopback-security-monorepo authors. License: MIT.

import {checkRouteOptions} from './route-checks.options';
import {validateAuthorizationMetadata} from '../contracts/authorization-metadata.validator';
import {AuthorizationDecision} from '../contracts/decision';
import {AuthorizationErrorCode, createAuthorizationError} from '../errors';
import {describeValue} from '../helpers/describe-value';
import {frozenCopy} from '../helpers/frozen-copy';
import {RoleHierarchy} from './role-hierarchy';
import {
  AuthorizationOptions,
  DEFAULT_AUTHORIZATION_OPTIONS,
} from './authorization.options';
import type {ResolvedAuthorizationOptions} from './options.reader';

const DECISIONS: unknown[] = [
  AuthorizationDecision.ALLOW,
  AuthorizationDecision.DENY,
];

/**
 * Lay configured authorization options over the defaults, and reject
 * malformed ones: a `defaultDecision` or `precedence` that is not Allow or
 * Deny would otherwise decide nothing, and the published package lets such
 * calls through. The result is a deeply frozen copy: what voters receive of
 * it (`defaultMetadata`) cannot change the options of a later call.
 *
 * @param configured - The configured options, if any
 */
export function completeAuthorizationOptions(
  configured: unknown,
): ResolvedAuthorizationOptions {
  const fail = (what: string) =>
    createAuthorizationError(
      `Invalid authorization options: ${what}`,
      500,
      AuthorizationErrorCode.INVALID_OPTIONS,
    );
  if (configured == null) return DEFAULT_AUTHORIZATION_OPTIONS;
  if (typeof configured !== 'object' || Array.isArray(configured)) {
    throw fail(`expected an object, got ${describeValue(configured)}`);
  }
  const options: {
    -readonly [
      K in keyof ResolvedAuthorizationOptions
    ]: ResolvedAuthorizationOptions[K];
  } = {
    ...DEFAULT_AUTHORIZATION_OPTIONS,
    ...withoutUndefined(configured as AuthorizationOptions),
  };
  for (const field of ['defaultDecision', 'precedence'] as const) {
    if (!DECISIONS.includes(options[field])) {
      throw fail(
        `"${field}" must be "Allow" or "Deny", got ${describeValue(options[field])}`,
      );
    }
  }
  // Copies first: what was checked must be what is used
  options.defaultMetadata = frozenCopy(options.defaultMetadata);
  options.roleHierarchy = frozenCopy(options.roleHierarchy);
  if (options.defaultMetadata !== undefined) {
    validateAuthorizationMetadata(
      options.defaultMetadata,
      'the "defaultMetadata" option',
    );
  }
  if (options.roleHierarchy !== undefined) {
    options.hierarchy = new RoleHierarchy(options.roleHierarchy);
  }

  checkStatus(options.defaultStatusCodeForDeny, 'defaultStatusCodeForDeny');
  checkRouteOptions(options, fail);
  const anonymous = options.anonymousDenial;
  if (anonymous !== undefined) {
    if (anonymous === null || typeof anonymous !== 'object') {
      throw fail(
        `"anonymousDenial" must be an object, got ${describeValue(anonymous)}`,
      );
    }
    // A copy: the checked value must not change behind the check's back
    const checked = frozenCopy({...anonymous});
    options.anonymousDenial = checked;
    checkStatus(checked.statusCode ?? 401, 'anonymousDenial.statusCode');
    const challenge = checked.wwwAuthenticate ?? 'Bearer';
    // A header value must not smuggle a line break into the response
    if (typeof challenge !== 'string' || !/^[\x20-\x7e]+$/.test(challenge)) {
      throw fail(
        `"anonymousDenial.wwwAuthenticate" must be a printable header value, got ${describeValue(challenge)}`,
      );
    }
  }
  const timeout = options.voterTimeout;
  if (
    timeout !== undefined &&
    !(typeof timeout === 'number' && timeout > 0 && timeout <= MAX_TIMER_MS)
  ) {
    throw fail(
      `"voterTimeout" must be a positive number of milliseconds up to ${MAX_TIMER_MS}, got ${describeValue(timeout)}`,
    );
  }
  return Object.freeze(options);
}

/**
 * The longest delay a Node.js timer honours; a longer one fires at once
 */
const MAX_TIMER_MS = 2 ** 31 - 1;

function checkStatus(status: unknown, field: string) {
  if (
    typeof status !== 'number' ||
    !Number.isInteger(status) ||
    status < 400 ||
    status > 599
  ) {
    throw createAuthorizationError(
      `Invalid authorization options: "${field}" must be an HTTP error status (400-599), got ${describeValue(status)}`,
      500,
      AuthorizationErrorCode.INVALID_OPTIONS,
    );
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  const result: Partial<T> = {};
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] !== undefined) result[key] = value[key];
  }
  return result;
}
