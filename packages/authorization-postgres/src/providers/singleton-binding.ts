// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  BindingAddress,
  BindingScope,
  BindingScopeAndTags,
  ContextTags,
} from '@loopback/core';

/**
 * The binding spec of the component's providers and middleware: one value an
 * application, bound under its own key. The extensions of authorization (the
 * role mapper, the freshness voter) add the binding templates of
 * `@loopback/authorization` (`asRoleMapper`, `asAuthorizer`).
 *
 * @param key - The key the binding is bound under
 */
export function singletonUnder(key: BindingAddress): BindingScopeAndTags {
  return {scope: BindingScope.SINGLETON, tags: {[ContextTags.KEY]: key}};
}
