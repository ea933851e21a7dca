// Copyright The loopback-security-monorepo authors. License: MIT.

import {Binding, Component, ContextTags, injectable} from '@loopback/core';
import {ownershipAuthorizer} from './authorizers/ownership.authorizer';
import {roleAuthorizer} from './authorizers/role.authorizer';
import {scopeAuthorizer} from './authorizers/scope.authorizer';
import {AuthorizationBindings, AuthorizationTags} from './keys';
import {profileRoleMapper} from './role-mappers/profile.role-mapper';
import {grantsScopeMapper} from './scope-mappers/grants.scope-mapper';

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
    new Binding(AuthorizationBindings.PROFILE_ROLE_MAPPER.key)
      .to(profileRoleMapper)
      .tag(AuthorizationTags.ROLE_MAPPER),
    new Binding(AuthorizationBindings.GRANTS_SCOPE_MAPPER.key)
      .to(grantsScopeMapper)
      .tag(AuthorizationTags.SCOPE_MAPPER),
    new Binding(AuthorizationBindings.SCOPE_AUTHORIZER.key)
      .to(scopeAuthorizer)
      .tag(AuthorizationTags.AUTHORIZER),
    new Binding(AuthorizationBindings.ROLE_AUTHORIZER.key)
      .to(roleAuthorizer)
      .tag(AuthorizationTags.AUTHORIZER),
    new Binding(AuthorizationBindings.OWNERSHIP_AUTHORIZER.key)
      .to(ownershipAuthorizer)
      .tag(AuthorizationTags.AUTHORIZER),
  ];
}
