// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  BindingAddress,
  BindingKey,
  BindingType,
  Context,
  ContextBindings,
  isPromiseLike,
  ValueOrPromise,
} from '@loopback/core';

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
 * pure function of the configured object, so its result is kept per object
 * (weakly) when the configuration is a constant binding, the form
 * `configure(key).to(options)` binds; any other binding (a provider, a
 * dynamic value) and a custom configuration resolver are resolved and
 * checked anew on every call.
 *
 * @typeParam T - The checked options
 */
export class OptionsReader<T> {
  private readonly componentKey: string;
  private readonly configKey: string;
  private readonly checked = new WeakMap<object, T>();
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
      (binding == null || binding.type === BindingType.CONSTANT) &&
      !ctx.isBound(ContextBindings.CONFIGURATION_RESOLVER)
    ) {
      return this.checkOnce(binding?.source?.value);
    }
    const configured = ctx.getConfigAsValueOrPromise(this.componentKey);
    if (isPromiseLike(configured)) {
      return configured.then(value => this.check(value));
    }
    return this.check(configured);
  }

  private checkOnce(configured: unknown): T {
    if (configured == null)
      return (this.unconfigured ??= this.check(undefined));
    if (typeof configured !== 'object') return this.check(configured);
    let options = this.checked.get(configured);
    if (options === undefined) {
      options = this.check(configured);
      this.checked.set(configured, options);
    }
    return options;
  }
}
