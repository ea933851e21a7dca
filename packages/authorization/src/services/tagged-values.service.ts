// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  Binding,
  BindingScope,
  BindingType,
  Context,
  isPromiseLike,
  ValueOrPromise,
} from '@loopback/core';
import {watchBindings} from './binding-events.service';

/**
 * Scopes of contexts that live as long as the application. Views are kept
 * on those; the short-lived contexts below them (a request, an invocation)
 * are looked at directly.
 */
const LONG_LIVED_SCOPES: string[] = [
  BindingScope.APPLICATION,
  BindingScope.SERVER,
];

/**
 * The bindings with a tag that a context sees, and their values, found
 * without searching the context chain on every call.
 *
 * @remarks
 * The bindings of the nearest long-lived context (the server or the
 * application) and its ancestors are searched once and kept until a binding
 * is added to or removed from one of them, so a binding added or removed
 * later is seen by the very next call. Bindings of the short-lived contexts in between are
 * added to them, a child's binding hiding a parent's of the same key, as
 * `ctx.find()` does. Values of constant and singleton bindings are kept until
 * the binding changes; every other value is resolved anew from the context of
 * the call, so a request-scoped binding sees its own request.
 *
 * @typeParam T - The type of the values
 */
export class TaggedValues<T> {
  private readonly lists = new WeakMap<Context, Readonly<Binding<T>>[]>();
  private readonly watched = new WeakSet<Context>();
  private readonly values = new WeakMap<Readonly<Binding>, T>();
  private readonly versions = new WeakMap<Readonly<Binding>, number>();

  /**
   * @param tag - The tag of the bindings
   */
  constructor(readonly tag: string) {}

  /**
   * The tagged bindings that a context sees, in `ctx.find()` order
   * @param ctx - The context of the call
   */
  bindings(ctx: Context): readonly Readonly<Binding<T>>[] {
    let own: Readonly<Binding<T>>[] | undefined;
    let current: Context = ctx;
    while (
      current.parent != null &&
      !LONG_LIVED_SCOPES.includes(current.scope)
    ) {
      own = this.addOwnBindings(current, own);
      current = current.parent;
    }
    const shared = this.sharedBindings(current);
    if (own == null) return shared;
    const keys = new Set(own.map(b => b.key));
    return own.concat(shared.filter(b => !keys.has(b.key)));
  }

  /**
   * The value of a tagged binding for a call
   * @param binding - One of {@link TaggedValues.bindings}
   * @param ctx - The context of the call
   */
  value(binding: Readonly<Binding<T>>, ctx: Context): ValueOrPromise<T> {
    const cached = this.values.get(binding);
    if (cached !== undefined) return cached;
    const value = binding.getValue(ctx);
    if (
      binding.type !== BindingType.CONSTANT &&
      binding.scope !== BindingScope.SINGLETON
    ) {
      return value;
    }
    this.follow(binding);
    if (!isPromiseLike(value)) {
      this.values.set(binding, value as T);
      return value as T;
    }
    // Keep an asynchronous value only if the binding did not change while
    // it was resolved: a voter revoked meanwhile must not be kept
    const version = this.versions.get(binding);
    return Promise.resolve(value).then(resolved => {
      if (this.versions.get(binding) === version) {
        this.values.set(binding, resolved);
      }
      return resolved;
    });
  }

  /**
   * Drop the kept value of a binding whenever it changes; one listener per
   * binding, however many calls resolve it at once
   */
  private follow(binding: Readonly<Binding<T>>) {
    if (this.versions.has(binding)) return;
    this.versions.set(binding, 0);
    binding.on('changed', () => {
      this.values.delete(binding);
      this.versions.set(binding, (this.versions.get(binding) ?? 0) + 1);
    });
  }

  private sharedBindings(ctx: Context): Readonly<Binding<T>>[] {
    let list = this.lists.get(ctx);
    if (list == null) {
      if (!this.watched.has(ctx)) {
        // Any binding, tagged or not: its tag may be set right after `bind`.
        // The context is held weakly, so that an application sharing a
        // parent context with others can still be collected.
        const lists = this.lists;
        const ref = new WeakRef(ctx);
        watchBindings(ctx, () => {
          const watched = ref.deref();
          if (watched == null) return false;
          lists.delete(watched);
        });
        this.watched.add(ctx);
      }
      list = ctx.findByTag<T>(this.tag);
      this.lists.set(ctx, list);
    }
    return list;
  }

  /**
   * Add the tagged bindings of a short-lived context itself (not of its
   * parents) to a list
   */
  private addOwnBindings(
    ctx: Context,
    list: Readonly<Binding<T>>[] | undefined,
  ): Readonly<Binding<T>>[] | undefined {
    for (const binding of ownBindings(ctx)) {
      if (binding.tagMap[this.tag] === undefined) continue;
      if (list?.some(b => b.key === binding.key)) continue;
      (list ??= []).push(binding as Readonly<Binding<T>>);
    }
    return list;
  }
}

/**
 * The bindings registered in a context itself. `Context` keeps them in its
 * protected `registry` map; a context without one is searched the slow way.
 */
function ownBindings(ctx: Context): Iterable<Readonly<Binding>> {
  const registry = (ctx as unknown as {registry?: unknown}).registry;
  if (registry instanceof Map) {
    return registry.values() as Iterable<Readonly<Binding>>;
  }
  return ctx.find(b => ctx.contains(b.key));
}
