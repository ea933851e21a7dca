// Copyright The loopback-security-monorepo authors. License: MIT.

import {asAuthorizer} from '@loopback/authorization';
import {
  Binding,
  BindingScope,
  Component,
  ContextTags,
  createBindingFromClass,
  injectable,
} from '@loopback/core';
import {PolicyCall} from './calls/policy-call';
import {PolicyCallInterceptor} from './calls/policy-call.interceptor';
import {AuthorizationPolicyBindings} from './keys';
import {PolicyCallerProvider} from './providers/policy-caller.provider';
import {RepositoryPolicyStoreProvider} from './providers/policy-store.provider';
import {PolicyRouteRuleDescriberProvider} from './reports/policy-route-rules.describer';
import {PolicyVoterProvider} from './voters/policy.voter';

/**
 * Policies as data: mount it next to `AuthorizationComponent` to get the
 * policy voter, the rule store, the caller the repository mixin reads and
 * the interceptor that follows the calls of each request.
 * Configure the resource types at `AuthorizationPolicyBindings.COMPONENT`.
 */
@injectable({
  tags: {[ContextTags.KEY]: AuthorizationPolicyBindings.COMPONENT},
})
export class AuthorizationPolicyComponent implements Component {
  /**
   * The bindings the component adds
   */
  bindings: Binding[] = [
    Binding.bind(AuthorizationPolicyBindings.STORE).toProvider(
      RepositoryPolicyStoreProvider,
    ),
    Binding.bind(AuthorizationPolicyBindings.CALLER).toProvider(
      PolicyCallerProvider,
    ),
    Binding.bind(AuthorizationPolicyBindings.CALL)
      .toClass(PolicyCall)
      .inScope(BindingScope.REQUEST),
    createBindingFromClass(PolicyCallInterceptor, {
      key: AuthorizationPolicyBindings.CALL_INTERCEPTOR,
    }),
    Binding.bind(AuthorizationPolicyBindings.VOTER)
      .toProvider(PolicyVoterProvider)
      .inScope(BindingScope.SINGLETON)
      .apply(asAuthorizer),
    createBindingFromClass(PolicyRouteRuleDescriberProvider),
  ];
}
