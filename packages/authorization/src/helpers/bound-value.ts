// Copyright The loopback-security-monorepo authors. License: MIT.

// Internal: not exported by the package index.

import {Binding, BindingKey, Context, ValueOrPromise} from '@loopback/core';
import {CONSTANT_BINDING} from './hot-path';

/**
 * The value of a binding for a call, read directly when it is a constant.
 *
 * @remarks
 * A constant binding's value is its source, and `.to()` replaces the source,
 * so reading it is what `getValue` returns, without the cost of a
 * resolution session. Every other binding goes through `getValue`, where
 * LoopBack keeps the value of a singleton until the binding changes or
 * `binding.refresh()` drops it: no cache of ours can miss a refresh.
 *
 * @param binding - The binding
 * @param ctx - The context of the call
 */
export function valueOf<T>(
  binding: Readonly<Binding<T>>,
  ctx: Context,
): ValueOrPromise<T> {
  if (binding.type === CONSTANT_BINDING) {
    return binding.source?.value as T;
  }
  return binding.getValue(ctx);
}

/**
 * The value bound to a key, or `undefined` when it is not bound
 *
 * @remarks
 * Authentication binds the user and the subject of a request as constants;
 * resolving them through the full binding resolution costs more than the
 * rest of an authorization, on every call.
 *
 * @param ctx - The context to look from
 * @param key - The key
 */
export function getBoundValue<T>(
  ctx: Context,
  key: BindingKey<T>,
): ValueOrPromise<T | undefined> {
  const binding = ctx.getBinding<T>(key, {optional: true});
  if (binding == null) return undefined;
  if (binding.type === CONSTANT_BINDING) {
    return binding.source?.value as T | undefined;
  }
  return ctx.get(key, {optional: true});
}
