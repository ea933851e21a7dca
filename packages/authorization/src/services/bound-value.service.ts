// Copyright The loopback-security-monorepo authors. License: MIT.

import {BindingKey, BindingType, Context, ValueOrPromise} from '@loopback/core';

/**
 * The value bound to a key, or `undefined` when it is not bound, read
 * directly when the binding is a constant.
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
  if (binding.type === BindingType.CONSTANT) {
    return binding.source?.value as T | undefined;
  }
  return ctx.get(key, {optional: true});
}
