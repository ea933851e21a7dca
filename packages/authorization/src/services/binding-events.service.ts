// Copyright The loopback-security-monorepo authors. License: MIT.

import {Binding, Context} from '@loopback/core';

/**
 * Called when a binding is added to or removed from a watched context
 */
export type BindingEventListener = (binding: Readonly<Binding>) => void;

const listenersByContext = new WeakMap<Context, Set<BindingEventListener>>();

/**
 * Call a listener, synchronously, whenever a binding is added to or removed
 * from a context or one of its ancestors.
 *
 * @remarks
 * `ContextView` and `ctx.subscribe()` deliver events asynchronously, so a
 * cache invalidated through them still answers with the old bindings for the
 * rest of the tick: a voter bound just before a call would not be asked. The
 * `bind` and `unbind` events of the context itself are synchronous. One
 * listener per context serves every cache, to keep the emitter's listener
 * count low.
 *
 * @param ctx - The context to watch, with its ancestors
 * @param listener - The listener
 */
export function watchBindings(
  ctx: Context,
  listener: BindingEventListener,
): void {
  for (let c: Context | undefined = ctx; c != null; c = c.parent) {
    let listeners = listenersByContext.get(c);
    if (listeners == null) {
      const set = (listeners = new Set());
      const notify = (event: {binding: Readonly<Binding>}) => {
        for (const l of set) l(event.binding);
      };
      c.on('bind', notify);
      c.on('unbind', notify);
      listenersByContext.set(c, set);
    }
    listeners.add(listener);
  }
}
