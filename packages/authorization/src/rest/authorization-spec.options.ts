// Copyright The loopback-security-monorepo authors. License: MIT.

import type {ResponseObject} from '@loopback/rest';
import {describeValue} from '../helpers/describe-value';
import {AuthorizationErrorCode, createAuthorizationError} from '../errors';

/**
 * Options of `AuthorizationSpecEnhancer`, bound with
 * `app.configure(AuthorizationBindings.SPEC_ENHANCER).to(options)`
 */
export interface AuthorizationSpecOptions {
  /**
   * Leave the OpenAPI document as it is. Default: `false`.
   */
  disabled?: boolean;
  /**
   * The security scheme whose requirement lists the `scopes` of
   * `@authorize`. Default: the only `oauth2` or `openIdConnect` scheme of
   * the document, if there is exactly one.
   */
  scopesScheme?: string;
  /**
   * The 401 response to add, for an application whose authentication says
   * more (its challenges, a `WWW-Authenticate` header). Default: LoopBack's
   * error body with a generic description.
   */
  unauthorizedResponse?: ResponseObject;
}

/**
 * Check the enhancer options: a `disabled: 'false'` would otherwise turn the
 * documentation off
 */
export function checkSpecOptions(options: unknown): AuthorizationSpecOptions {
  if (options == null) return {};
  const fail = (what: string) =>
    createAuthorizationError(
      `Invalid options of the authorization OpenAPI enhancer: ${what}`,
      500,
      AuthorizationErrorCode.INVALID_OPTIONS,
    );
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw fail(`expected an object, got ${describeValue(options)}`);
  }
  const {
    disabled,
    scopesScheme,
    unauthorizedResponse: response401,
  } = options as AuthorizationSpecOptions;
  if (disabled !== undefined && typeof disabled !== 'boolean') {
    throw fail(`"disabled" must be a boolean, got ${describeValue(disabled)}`);
  }
  if (scopesScheme !== undefined && typeof scopesScheme !== 'string') {
    throw fail(
      `"scopesScheme" must be a string, got ${describeValue(scopesScheme)}`,
    );
  }
  if (
    response401 !== undefined &&
    (response401 === null ||
      typeof response401 !== 'object' ||
      Array.isArray(response401))
  ) {
    throw fail(
      `"unauthorizedResponse" must be a response object, got ${describeValue(response401)}`,
    );
  }
  return options as AuthorizationSpecOptions;
}
