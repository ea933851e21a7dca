// Copyright The loopback-security-monorepo authors. License: MIT.

import {InvocationContext} from '@loopback/core';
import {
  Principal,
  Role,
  SecurityBindings,
  securityId,
  UserProfile,
} from '@loopback/security';
import {describeValue} from '../decorators/authorization-metadata.validator';
import {AuthorizationErrorCode, createAuthorizationError} from '../errors';
import {AuthorizationTags} from '../keys';
import {createPrincipalFromUserProfile} from '../principal';
import {RoleHierarchy} from '../role-mappers/role-hierarchy';
import {AuthorizationContext, RoleMapper, ScopeMapper} from '../types';
import {TaggedValues} from './tagged-values.service';

/**
 * Builds the authorization context of a call: the principal of the current
 * user, the roles the role mappers find (expanded by the role hierarchy) and
 * the scopes the scope mappers find.
 *
 * @remarks
 * Without role or scope mappers, `roles` and `scopes` stay empty, as in the
 * published package.
 */
export class AuthorizationContextBuilder {
  private readonly roleMappers = new TaggedValues<RoleMapper>(
    AuthorizationTags.ROLE_MAPPER,
  );
  private readonly scopeMappers = new TaggedValues<ScopeMapper>(
    AuthorizationTags.SCOPE_MAPPER,
  );

  /**
   * Build the authorization context of a call
   * @param invocationCtx - The invocation
   * @param hierarchy - The role hierarchy, if any
   */
  async build(
    invocationCtx: InvocationContext,
    hierarchy?: RoleHierarchy,
  ): Promise<AuthorizationContext> {
    const user = await invocationCtx.get<UserProfile | undefined>(
      SecurityBindings.USER,
      {optional: true},
    );
    const principals = user ? [createPrincipalFromUserProfile(user)] : [];
    const roleNames = await this.map(
      this.roleMappers,
      principals,
      invocationCtx,
    );
    const roles = (hierarchy ? hierarchy.expand(roleNames) : roleNames).map(
      toRole,
    );
    const scopes = await this.map(this.scopeMappers, principals, invocationCtx);
    return {
      principals,
      roles,
      scopes,
      resource: invocationCtx.targetName,
      invocationContext: invocationCtx,
    };
  }

  /**
   * The union of what the mappers of one kind return, as names
   */
  private async map(
    mappers: TaggedValues<RoleMapper | ScopeMapper>,
    principals: Principal[],
    invocationCtx: InvocationContext,
  ): Promise<string[]> {
    const bindings = mappers.bindings(invocationCtx);
    if (bindings.length === 0) return [];
    const names = new Set<string>();
    for (const binding of bindings) {
      const mapper = await mappers.value(binding, invocationCtx);
      const found = await mapper(principals, invocationCtx);
      if (!Array.isArray(found)) {
        throw invalidMapping(binding.key, found);
      }
      for (const item of found) {
        const name = typeof item === 'string' ? item : item?.name;
        if (typeof name !== 'string' || name === '') {
          throw invalidMapping(binding.key, item);
        }
        names.add(name);
      }
    }
    return [...names];
  }
}

function toRole(name: string): Role {
  return {[securityId]: name, name};
}

function invalidMapping(key: string, value: unknown) {
  return createAuthorizationError(
    `Invalid result of mapper "${key}": expected an array of names or ` +
      `roles, got ${describeValue(value)}`,
    500,
    AuthorizationErrorCode.INVALID_VOTER,
  );
}
