// Copyright The loopback-security-monorepo authors. License: MIT.

import {Binding, Component, ContextTags, injectable} from '@loopback/core';
import {grantsScopeMapper} from './builtins/grants.scope-mapper';
import {ownershipAuthorizer} from './builtins/ownership.authorizer';
import {profileRoleMapper} from './builtins/profile.role-mapper';
import {roleAuthorizer} from './builtins/role.authorizer';
import {scopeAuthorizer} from './builtins/scope.authorizer';
import {
  asAuthorizer,
  asRoleMapper,
  asScopeMapper,
} from './contracts/binding-templates';
import {AuthorizationBindings} from './keys';

/**
 * The built-in authorizers, in one line:
 * `app.component(BuiltinAuthorizersComponent)`, next to
 * `AuthorizationComponent`. Then `allowedRoles`, `deniedRoles`, `scopes` and
 * `ownership` of `@authorize` are enforced without a voter of your own.
 *
 * @remarks
 * It only wires: the profile role mapper and grants scope mapper, which fill
 * the roles and scopes of the authorization context, and the scope, role and
 * ownership authorizers, asked in that order. Without this component the
 * package behaves as the published one.
 */
@injectable({
  tags: {[ContextTags.KEY]: AuthorizationBindings.BUILTIN_AUTHORIZERS},
})
export class BuiltinAuthorizersComponent implements Component {
  /**
   * The mappers and authorizers
   */
  bindings: Binding[] = [
    Binding.bind(AuthorizationBindings.PROFILE_ROLE_MAPPER)
      .to(profileRoleMapper)
      .apply(asRoleMapper),
    Binding.bind(AuthorizationBindings.GRANTS_SCOPE_MAPPER)
      .to(grantsScopeMapper)
      .apply(asScopeMapper),
    // Asked in this order: scopes, roles, ownership
    ...[
      Binding.bind(AuthorizationBindings.SCOPE_AUTHORIZER).to(scopeAuthorizer),
      Binding.bind(AuthorizationBindings.ROLE_AUTHORIZER).to(roleAuthorizer),
      Binding.bind(AuthorizationBindings.OWNERSHIP_AUTHORIZER).to(
        ownershipAuthorizer,
      ),
    ].map(binding => binding.apply(asAuthorizer)),
  ];
}
