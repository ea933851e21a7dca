// Copyright The loopback-security-monorepo authors. License: MIT.

import {AuthorizationErrorCode, createAuthorizationError} from '../errors';
import {describeValue} from '../helpers/describe-value';
import type {ResolvedBuiltinAuthorizersOptions} from './options.reader';

/**
 * Options of `BuiltinAuthorizersComponent`, bound with
 * `app.configure(AuthorizationBindings.BUILTIN_AUTHORIZERS).to(options)`
 */
export interface BuiltinAuthorizersOptions {
  /**
   * Whether a method's `scopes` must all be held (`all`, the default) or any
   * one of them (`any`)
   */
  scopeMatch?: 'all' | 'any';
}

/**
 * Lay configured options over the defaults, rejecting malformed ones; the
 * result is frozen
 * @param configured - The configured options, if any
 */
export function completeBuiltinAuthorizersOptions(
  configured: unknown,
): ResolvedBuiltinAuthorizersOptions {
  const options = Object.freeze({
    scopeMatch: 'all',
    ...(configured as BuiltinAuthorizersOptions | undefined),
  });
  if (options.scopeMatch !== 'all' && options.scopeMatch !== 'any') {
    throw createAuthorizationError(
      `Invalid built-in authorizer options: "scopeMatch" must be "all" or "any", got ${describeValue(options.scopeMatch)}`,
      500,
      AuthorizationErrorCode.INVALID_OPTIONS,
    );
  }
  return options as Required<BuiltinAuthorizersOptions>;
}
