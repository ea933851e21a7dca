// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  BindingAddress,
  BindingScope,
  BindingScopeAndTags,
  ContextTags,
} from '@loopback/core';

/**
 * The binding spec of the component's providers and middleware: one value an
 * application, bound under its own key
 *
 * @param key - The key the binding is bound under
 * @param tags - Further tags of the binding
 */
export function singletonUnder(
  key: BindingAddress,
  tags: Record<string, unknown> = {},
): BindingScopeAndTags {
  return {
    scope: BindingScope.SINGLETON,
    tags: {[ContextTags.KEY]: key, ...tags},
  };
}

/**
 * The binding spec of a provider whose value extends authorization, such as
 * a voter or a role mapper: one value an application, under its own key,
 * with the tag by which the authorization pipeline finds it
 *
 * @param key - The key the binding is bound under
 * @param tag - The extension's tag, e.g. `AuthorizationTags.AUTHORIZER`
 */
export function extensionUnder(
  key: BindingAddress,
  tag: string,
): BindingScopeAndTags {
  return singletonUnder(key, {[tag]: tag});
}
