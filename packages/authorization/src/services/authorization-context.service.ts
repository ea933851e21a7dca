// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  Binding,
  InvocationContext,
  isPromiseLike,
  ValueOrPromise,
} from '@loopback/core';
import {
  Principal,
  Role,
  SecurityBindings,
  securityId,
  UserProfile,
} from '@loopback/security';
import {describeValue} from '../describe-value';
import {AuthorizationErrorCode, createAuthorizationError} from '../errors';
import {AuthorizationTags} from '../keys';
import {createPrincipalFromUserProfile} from '../principal';
import {RoleHierarchy} from '../role-mappers/role-hierarchy';
import {AuthorizationContext} from '../types';
import {RoleMapper, ScopeMapper} from '../extensions';
import {getBoundValue} from './bound-value.service';
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
  build(
    invocationCtx: InvocationContext,
    hierarchy?: RoleHierarchy,
  ): ValueOrPromise<AuthorizationContext> {
    const user = getBoundValue(invocationCtx, SecurityBindings.USER);
    if (isPromiseLike(user)) {
      return user.then(resolved =>
        this.buildFor(resolved, invocationCtx, hierarchy),
      );
    }
    return this.buildFor(user, invocationCtx, hierarchy);
  }

  /**
   * The principals of a call, for a decision record when building the whole
   * context failed; `[]` when even they cannot be had
   * @param invocationCtx - The invocation
   */
  async principalsOf(invocationCtx: InvocationContext): Promise<Principal[]> {
    try {
      return principalsOf(
        await getBoundValue(invocationCtx, SecurityBindings.USER),
      );
    } catch {
      return [];
    }
  }

  private buildFor(
    user: UserProfile | undefined,
    invocationCtx: InvocationContext,
    hierarchy?: RoleHierarchy,
  ): ValueOrPromise<AuthorizationContext> {
    const authorizationCtx: AuthorizationContext = {
      principals: principalsOf(user),
      roles: [],
      scopes: [],
      resource: invocationCtx.targetName,
      invocationContext: invocationCtx,
    };
    const roleMappers = this.roleMappers.bindings(invocationCtx);
    const scopeMappers = this.scopeMappers.bindings(invocationCtx);
    if (roleMappers.length === 0 && scopeMappers.length === 0) {
      // The published behaviour, and the fast path: nothing to map
      return authorizationCtx;
    }
    return this.mapInto(authorizationCtx, roleMappers, scopeMappers, hierarchy);
  }

  private async mapInto(
    authorizationCtx: AuthorizationContext,
    roleMappers: readonly Readonly<Binding<RoleMapper>>[],
    scopeMappers: readonly Readonly<Binding<ScopeMapper>>[],
    hierarchy?: RoleHierarchy,
  ): Promise<AuthorizationContext> {
    const {principals, invocationContext} = authorizationCtx;
    const roleNames = await this.map(
      this.roleMappers,
      roleMappers,
      principals,
      invocationContext,
    );
    authorizationCtx.roles = (
      hierarchy ? hierarchy.expand(roleNames) : roleNames
    ).map(toRole);
    authorizationCtx.scopes = await this.map(
      this.scopeMappers,
      scopeMappers,
      principals,
      invocationContext,
    );
    return authorizationCtx;
  }

  /**
   * The union of what the mappers of one kind return, as names
   */
  private async map(
    mappers: TaggedValues<RoleMapper | ScopeMapper>,
    bindings: readonly Readonly<Binding<RoleMapper | ScopeMapper>>[],
    principals: Principal[],
    invocationCtx: InvocationContext,
  ): Promise<string[]> {
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

/**
 * The principals of a caller: none for a missing user, else the user's.
 * Only a missing user is anonymous: '' or 0 bound as a user is a bug, which
 * the principal factory rejects.
 */
function principalsOf(user: UserProfile | undefined | null): Principal[] {
  return user == null ? [] : [createPrincipalFromUserProfile(user)];
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
