// Copyright The loopback-security-monorepo authors. License: MIT.

// The options as a call sees them, in one place: the reader, its two
// instances (one a component) and the resolved types every other module
// imports. What the options are and their defaults are in
// `authorization.options.ts` and `builtin-authorizers.options.ts`; how they
// are checked, in their validators.

import {
  Binding,
  BindingAddress,
  BindingKey,
  Context,
  ValueOrPromise,
} from '@loopback/core';
import {
  CONFIGURATION_RESOLVER,
  CONSTANT_BINDING,
  isPromiseLike,
} from '../helpers/hot-path';
import {AuthorizationBindings} from '../keys';
import type {RoleHierarchy} from './role-hierarchy';
import {completeAuthorizationOptions} from './authorization-options.validator';
import {
  AuthorizationOptions,
  DEFAULT_AUTHORIZATION_OPTIONS,
} from './authorization.options';
import {
  BuiltinAuthorizersOptions,
  completeBuiltinAuthorizersOptions,
} from './builtin-authorizers.options';

/**
 * Options with every default filled in
 */
export type ResolvedAuthorizationOptions = Readonly<
  AuthorizationOptions &
    typeof DEFAULT_AUTHORIZATION_OPTIONS & {
      /**
       * The compiled `roleHierarchy`, if one is configured
       */
      hierarchy?: RoleHierarchy;
    }
>;

/**
 * The options of `BuiltinAuthorizersComponent` with every default filled in
 */
export type ResolvedBuiltinAuthorizersOptions = Readonly<
  Required<BuiltinAuthorizersOptions>
>;

/**
 * Reads the options of a component as the context of a call sees them, and
 * keeps the checked form of each configured object.
 *
 * @remarks
 * The options are looked up from the context of each call, as the published
 * interceptor's `@config` does, so a configuration bound on the application,
 * a server or a request context, rebound, unbound or changed with `.to()`
 * reaches the very next call: there is nothing to invalidate. LoopBack has no
 * cache for the step this class keeps: checking the options and compiling the
 * role hierarchy, which costs more than the rest of a call. That step is a
 * pure function of the configured object, so its result is kept per binding
 * (weakly) when the configuration is a constant binding, the form
 * `configure(key).to(options)` binds, and dropped on the binding's
 * synchronous `changed` event: `.to(options)` again, even with the same
 * object changed in place, is checked anew on the next call. Any other
 * binding (a provider, a dynamic value) and a custom configuration resolver
 * are resolved and checked anew on every call.
 *
 * @typeParam T - The checked options
 */
export class OptionsReader<T> {
  private readonly componentKey: string;
  private readonly configKey: string;
  private readonly checked = new WeakMap<
    Readonly<Binding<unknown>>,
    {configured: unknown; options: T}
  >();
  private readonly followed = new WeakSet<Readonly<Binding<unknown>>>();
  private unconfigured?: T;

  /**
   * @param componentKey - The key of the component the options configure
   * @param check - Lays configured options over the defaults and checks them;
   * it throws on malformed options
   */
  constructor(
    componentKey: BindingAddress,
    private readonly check: (configured: unknown) => T,
  ) {
    this.componentKey = componentKey.toString();
    this.configKey = BindingKey.buildKeyForConfig(this.componentKey).toString();
  }

  /**
   * The options in force for a call
   * @param ctx - The context of the call
   */
  read(ctx: Context): ValueOrPromise<T> {
    const binding = ctx.getBinding(this.configKey, {optional: true});
    if (
      (binding == null || binding.type === CONSTANT_BINDING) &&
      !ctx.isBound(CONFIGURATION_RESOLVER)
    ) {
      return binding == null
        ? (this.unconfigured ??= this.check(undefined))
        : this.checkOnce(binding);
    }
    const configured = ctx.getConfigAsValueOrPromise(this.componentKey);
    if (isPromiseLike(configured)) {
      return configured.then(value => this.check(value));
    }
    return this.check(configured);
  }

  private checkOnce(binding: Readonly<Binding<unknown>>): T {
    const configured = binding.source?.value;
    const entry = this.checked.get(binding);
    // The same object is not enough: `.to()` may bind it again after a
    // change in place, and the event below has then dropped the entry
    if (entry !== undefined && entry.configured === configured) {
      return entry.options;
    }
    const options = this.check(configured);
    if (!this.followed.has(binding)) {
      // Emitted synchronously by `.to()`, `.tag()`, `.inScope()` and the
      // like, so the next call of any context sees the change
      this.followed.add(binding);
      binding.on('changed', () => this.checked.delete(binding));
    }
    this.checked.set(binding, {configured, options});
    return options;
  }
}

/**
 * The one reader of the options of `AuthorizationComponent`: the interceptor,
 * the metadata provider, the start-up check, the access report and the
 * OpenAPI enhancer all read through it
 */
export const authorizationOptions =
  new OptionsReader<ResolvedAuthorizationOptions>(
    AuthorizationBindings.COMPONENT,
    completeAuthorizationOptions,
  );

/**
 * The one reader of the options of `BuiltinAuthorizersComponent`
 */
export const builtinAuthorizersOptions =
  new OptionsReader<ResolvedBuiltinAuthorizersOptions>(
    AuthorizationBindings.BUILTIN_AUTHORIZERS,
    completeBuiltinAuthorizersOptions,
  );
