// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  Binding,
  BindingKey,
  Component,
  ContextTags,
  injectable,
} from '@loopback/core';
import {ownershipAuthorizer} from './builtins/ownership.authorizer';
import {roleAuthorizer} from './builtins/role.authorizer';
import {scopeAuthorizer} from './builtins/scope.authorizer';
import {AuthorizationBindings, AuthorizationTags} from './keys';
import {profileRoleMapper} from './builtins/profile.role-mapper';
import {grantsScopeMapper} from './builtins/grants.scope-mapper';

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
    constant(AuthorizationBindings.PROFILE_ROLE_MAPPER, profileRoleMapper).tag(
      AuthorizationTags.ROLE_MAPPER,
    ),
    constant(AuthorizationBindings.GRANTS_SCOPE_MAPPER, grantsScopeMapper).tag(
      AuthorizationTags.SCOPE_MAPPER,
    ),
    // Asked in this order: scopes, roles, ownership
    ...[
      constant(AuthorizationBindings.SCOPE_AUTHORIZER, scopeAuthorizer),
      constant(AuthorizationBindings.ROLE_AUTHORIZER, roleAuthorizer),
      constant(AuthorizationBindings.OWNERSHIP_AUTHORIZER, ownershipAuthorizer),
    ].map(binding => binding.tag(AuthorizationTags.AUTHORIZER)),
  ];
}

function constant<T>(key: BindingKey<T>, value: T): Binding<T> {
  return new Binding<T>(key.key).to(value);
}
