// Copyright The loopback-security-monorepo authors. License: MIT.

// Internal: not exported by the package index.

import {Binding, BindingTagFilter, Context, filterByTag} from '@loopback/core';
import {AuthorizationTags} from '../keys';

/**
 * The tag filters of the extension points, made once: `ctx.find()` answers a
 * tag filter from the tag index that every context keeps up to date as
 * bindings are added, removed or tagged, so the bindings a call sees are
 * found without a cache of ours that could fall behind.
 */
const FILTERS = {
  authorizers: filterByTag(AuthorizationTags.AUTHORIZER),
  roleMappers: filterByTag(AuthorizationTags.ROLE_MAPPER),
  scopeMappers: filterByTag(AuthorizationTags.SCOPE_MAPPER),
  listeners: filterByTag(AuthorizationTags.DECISION_LISTENER),
} satisfies Record<string, BindingTagFilter>;

/**
 * The bindings of an extension point that a context sees now, as
 * `ctx.findByTag()` finds them: a child context's binding hides a parent's
 * of the same key, and a tag with any value (`undefined` included) counts.
 *
 * @param ctx - The context of the call
 * @param extensionPoint - Which bindings
 */
export function findTagged<T>(
  ctx: Context,
  extensionPoint: keyof typeof FILTERS,
): Readonly<Binding<T>>[] {
  return ctx.find<T>(FILTERS[extensionPoint]);
}
