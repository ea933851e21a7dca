// Copyright The loopback-security-monorepo authors. License: MIT.

import {BindingKey, CoreBindings, Interceptor} from '@loopback/core';
import type {juggler} from '@loopback/repository';
import type {AuthorizationPolicyComponent} from './authorization-policy.component';
import type {PolicyCall} from './calls/policy-call';
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
   * Default: the caller the authorization interceptor's voters see (the
   * user at `SecurityBindings.USER`, with the roles the role mappers in
   * force find, expanded by the role hierarchy), so that the door of a
   * method, the rows of a list and the fields of a row follow the same
   * roles.
   */
  export const CALLER = BindingKey.create<PolicyCaller>(
    'authorization.policy.caller',
  );

  /**
   * The method calls of the current request, in request scope: which action
   * each names at its door, which door decisions were conditional and which
   * instance checks guarded repositories made
   */
  export const CALL = BindingKey.create<PolicyCall>(
    'authorization.policy.call',
  );

  /**
   * The global interceptor that follows each call naming a resource and an
   * action, and fails a call whose conditional door decision no guarded
   * repository checked on an instance
   */
  export const CALL_INTERCEPTOR = BindingKey.create<Interceptor>(
    'globalInterceptors.authorization.policy.call',
  );

  /**
   * The policy voter, tagged `AuthorizationTags.AUTHORIZER`
   */
  export const VOTER = BindingKey.create<PolicyVoter>(
    'authorization.authorizers.policy',
  );
}
