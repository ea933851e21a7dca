// Copyright The loopback-security-monorepo authors. License: MIT.

import {BindingKey, CoreBindings} from '@loopback/core';
import type {juggler} from '@loopback/repository';
import type {AuthorizationPolicyComponent} from './authorization-policy.component';
import type {PolicyStore} from './stores/policy-store';
import type {PolicyCaller} from './types';
import type {PolicyVoter} from './voters/policy.voter';

/**
 * Binding keys of the policy component
 */
export namespace AuthorizationPolicyBindings {
  /**
   * The key `app.component(AuthorizationPolicyComponent)` binds the
   * component under; configure it at this key
   */
  export const COMPONENT = BindingKey.create<AuthorizationPolicyComponent>(
    `${CoreBindings.COMPONENTS}.AuthorizationPolicyComponent`,
  );

  /**
   * The store of the rules in force. Default: a `RepositoryPolicyStore` on
   * {@link AuthorizationPolicyBindings.DATASOURCE}.
   */
  export const STORE = BindingKey.create<PolicyStore>(
    'authorization.policy.store',
  );

  /**
   * The datasource the default store keeps the rules in. When it is not
   * bound, the rules live in memory, as long as the process.
   */
  export const DATASOURCE = BindingKey.create<juggler.DataSource>(
    'authorization.policy.datasource',
  );

  /**
   * The caller of the current request, as the repository mixin sees it.
   * Default: from `SecurityBindings.USER` and its `roles` field.
   */
  export const CALLER = BindingKey.create<PolicyCaller>(
    'authorization.policy.caller',
  );

  /**
   * The policy voter, tagged `AuthorizationTags.AUTHORIZER`
   */
  export const VOTER = BindingKey.create<PolicyVoter>(
    'authorization.authorizers.policy',
  );
}
