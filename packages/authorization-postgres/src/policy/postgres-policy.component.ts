// Copyright The loopback-security-monorepo authors. License: MIT.

import {AuthorizationPolicyBindings} from '@loopback/authorization-policy';
import {
  Binding,
  BindingScope,
  Component,
  ContextTags,
  injectable,
} from '@loopback/core';
import {asChangeSubscriber} from '../feeds/change-subscribers';
import {PostgresPolicyBindings} from './keys';
import {PolicyEngineSinkProvider} from './policy-engine-sink.provider';
import {PostgresPolicyStoreProvider} from './postgres-policy-store.provider';

/**
 * Keeps the rules of `@loopback/authorization-policy` in PostgreSQL: mount
 * it after `AuthorizationPolicyComponent` and `PostgresAuthorizationComponent`;
 * it binds `AuthorizationPolicyBindings.STORE` to a `PostgresPolicyStore`.
 */
@injectable({tags: {[ContextTags.KEY]: PostgresPolicyBindings.COMPONENT}})
export class PostgresPolicyComponent implements Component {
  /**
   * The rules the feed keeps up to date, and the policy store, in place of
   * the policy component's default one
   */
  bindings: Binding[] = [
    Binding.bind(PostgresPolicyBindings.RULES)
      .toProvider(PolicyEngineSinkProvider)
      .inScope(BindingScope.SINGLETON)
      .apply(asChangeSubscriber),
    Binding.bind(AuthorizationPolicyBindings.STORE)
      .toProvider(PostgresPolicyStoreProvider)
      .inScope(BindingScope.SINGLETON),
  ];
}
