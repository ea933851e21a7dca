// Copyright The loopback-security-monorepo authors. License: MIT.

import {Binding, BindingEvent, Context} from '@loopback/core';

/**
 * Called when a binding is added to or removed from a watched context, or
 * its tags change. Returning `false` unsubscribes the listener, for one
 * whose owner is gone.
 */
export type BindingEventListener = (
  binding: Readonly<Binding>,
) => boolean | void;

const listenersByContext = new WeakMap<Context, Set<BindingEventListener>>();

/**
 * Call a listener, synchronously, whenever a binding is added to or removed
 * from a context or one of its ancestors, or the tags of one of their
 * bindings change.
 *
 * @remarks
 * `ContextView` and `ctx.subscribe()` deliver events asynchronously, so a
 * cache invalidated through them still answers with the old bindings for the
 * rest of the tick: a voter bound just before a call would not be asked. The
 * `bind` and `unbind` events of the context itself, and the `changed` events
 * of its bindings, are synchronous. One listener per context and per binding
 * serves every cache, to keep the emitters' listener counts low.
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
      listeners = new Set();
      listenersByContext.set(c, listeners);
      watchContext(c, listeners);
    }
    listeners.add(listener);
  }
}

function watchContext(ctx: Context, listeners: Set<BindingEventListener>) {
  const notify = (binding: Readonly<Binding>) => {
    for (const listener of listeners) {
      if (listener(binding) === false) listeners.delete(listener);
    }
  };
  const onTagChange = function (this: Binding, event: BindingEvent) {
    if (event.operation === 'tag') notify(event.binding);
  };
  const follow = (binding: Readonly<Binding>) =>
    binding.on('changed', onTagChange);
  ctx.find(binding => ctx.contains(binding.key)).forEach(follow);
  ctx.on('bind', ({binding}: {binding: Readonly<Binding>}) => {
    follow(binding);
    notify(binding);
  });
  ctx.on('unbind', ({binding}: {binding: Readonly<Binding>}) => {
    binding.removeListener('changed', onTagChange);
    notify(binding);
  });
}
