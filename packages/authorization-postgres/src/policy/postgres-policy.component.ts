// Copyright The loopback-security-monorepo authors. License: MIT.

import {AuthorizationPolicyBindings} from '@loopback/authorization-policy';
import {
  Binding,
  BindingKey,
  BindingScope,
  Component,
  ContextTags,
  CoreBindings,
  injectable,
} from '@loopback/core';
import {PostgresPolicyStoreProvider} from './postgres-policy-store.provider';

/**
 * The key `PostgresPolicyComponent` is bound under
 */
export const POSTGRES_POLICY_COMPONENT = BindingKey.create<Component>(
  `${CoreBindings.COMPONENTS}.PostgresPolicyComponent`,
);

/**
 * Keeps the rules of `@loopback/authorization-policy` in PostgreSQL: mount
 * it after `AuthorizationPolicyComponent` and `PostgresAuthorizationComponent`;
 * it binds `AuthorizationPolicyBindings.STORE` to a `PostgresPolicyStore`.
 */
@injectable({tags: {[ContextTags.KEY]: POSTGRES_POLICY_COMPONENT}})
export class PostgresPolicyComponent implements Component {
  /**
   * The policy store, in place of the policy component's default one
   */
  bindings: Binding[] = [
    Binding.bind(AuthorizationPolicyBindings.STORE)
      .toProvider(PostgresPolicyStoreProvider)
      .inScope(BindingScope.SINGLETON),
  ];
}
