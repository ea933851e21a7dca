// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  Binding,
  BindingAddress,
  BindingKey,
  BindingType,
  Context,
  isPromiseLike,
  ValueOrPromise,
} from '@loopback/core';
import debugFactory from 'debug';
import {watchBindings} from './binding-events.service';
import {validateAuthorizationMetadata} from '../decorators/authorization-metadata.validator';
import {describeValue} from '../describe-value';
import {AuthorizationErrorCode, createAuthorizationError} from '../errors';
import {RoleHierarchy} from '../role-mappers/role-hierarchy';
import {checkRouteOptions} from '../routes/route-checks.options';
import {
  AuthorizationDecision,
  AuthorizationOptions,
  DEFAULT_AUTHORIZATION_OPTIONS,
} from '../types';

const debug = debugFactory('loopback:authorization:options');

/**
 * Options with every default filled in
 */
export type ResolvedAuthorizationOptions = AuthorizationOptions &
  typeof DEFAULT_AUTHORIZATION_OPTIONS & {
    /**
     * The compiled `roleHierarchy`, if one is configured
     */
    hierarchy?: RoleHierarchy;
  };

/**
 * Keeps the options of a component resolved between calls, and drops them
 * when `app.configure(key)` binds, unbinds or changes the configuration.
 *
 * @remarks
 * The published interceptor resolves its options on every call. Options bound
 * as a constant, the way `app.configure(key).to(options)` binds them, change
 * only through the events watched here; options from a provider or a dynamic
 * value are resolved on every call, as they may change at any time.
 *
 * @typeParam T - The options type, with its defaults
 */
export class ComponentOptions<T extends object = ResolvedAuthorizationOptions> {
  private cached?: T;
  private readonly componentKey: string;
  private readonly configKey: string;

  /**
   * @param ctx - The context that holds the component's configuration
   * @param componentKey - The key of the component
   * @param complete - Lays the configured options over the defaults and
   * checks them; it throws on malformed options
   */
  constructor(
    private readonly ctx: Context,
    componentKey: BindingAddress,
    private readonly complete: (options: unknown) => T,
  ) {
    this.componentKey = componentKey.toString();
    this.configKey = BindingKey.buildKeyForConfig(this.componentKey).toString();
    // Held weakly: the listener lives in the context chain, which may
    // outlive this object (a parent shared by several applications)
    const self = new WeakRef(this);
    const configKey = this.configKey;
    watchBindings(ctx, binding => {
      const options = self.deref();
      if (options == null) return false;
      if (binding.key === configKey) options.invalidate();
    });
  }

  /**
   * The options in force
   */
  current(): ValueOrPromise<T> {
    if (this.cached) return this.cached;
    const binding = this.ctx.getBinding(this.configKey, {optional: true});
    const configured = this.ctx.getConfigAsValueOrPromise(this.componentKey);
    if (isPromiseLike(configured)) {
      return configured.then(value => this.complete(value));
    }
    const options = this.complete(configured);
    if (binding == null || binding.type === BindingType.CONSTANT) {
      this.cache(options, binding);
    }
    return options;
  }

  private cache(options: T, binding: Readonly<Binding> | undefined) {
    this.cached = options;
    // `.to()` on the same binding changes the value without a context event
    binding?.once('changed', () => this.invalidate());
  }

  private invalidate(): void {
    if (this.cached) debug('Configuration changed: %s', this.configKey);
    this.cached = undefined;
  }
}

const DECISIONS: unknown[] = [
  AuthorizationDecision.ALLOW,
  AuthorizationDecision.DENY,
];

/**
 * Lay configured authorization options over the defaults, and reject
 * malformed ones: a `defaultDecision` or `precedence` that is not Allow or
 * Deny would otherwise decide nothing, and the published package lets such
 * calls through.
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
  if (configured == null) return {...DEFAULT_AUTHORIZATION_OPTIONS};
  if (typeof configured !== 'object' || Array.isArray(configured)) {
    throw fail(`expected an object, got ${describeValue(configured)}`);
  }
  const options: ResolvedAuthorizationOptions = {
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
    options.anonymousDenial = {...anonymous};
    checkStatus(anonymous.statusCode ?? 401, 'anonymousDenial.statusCode');
    const challenge = anonymous.wwwAuthenticate ?? 'Bearer';
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
  return options;
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
