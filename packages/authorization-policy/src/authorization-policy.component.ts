// Copyright The loopback-security-monorepo authors. License: MIT.

import {AuthorizationTags} from '@loopback/authorization';
import {
  Binding,
  BindingScope,
  Component,
  ContextTags,
  injectable,
} from '@loopback/core';
import {AuthorizationPolicyBindings} from './keys';
import {PolicyCallerProvider} from './providers/policy-caller.provider';
import {RepositoryPolicyStoreProvider} from './providers/policy-store.provider';
import {PolicyVoterProvider} from './voters/policy.voter';

/**
 * Policies as data: mount it next to `AuthorizationComponent` to get the
 * policy voter, the rule store and the caller the repository mixin reads.
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
    Binding.bind(AuthorizationPolicyBindings.VOTER)
      .toProvider(PolicyVoterProvider)
      .inScope(BindingScope.SINGLETON)
      .tag(AuthorizationTags.AUTHORIZER),
  ];
}
