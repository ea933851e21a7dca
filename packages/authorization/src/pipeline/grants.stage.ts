// Copyright The loopback-security-monorepo authors. License: MIT.

import {Binding, InvocationContext, ValueOrPromise} from '@loopback/core';
import {Principal} from '@loopback/security';
import {RoleMapper, ScopeMapper} from '../contracts/mappers';
import {AuthorizationErrorCode, createAuthorizationError} from '../errors';
import {valueOf} from '../helpers/bound-value';
import {Deadline, within} from './deadline';
import {findTagged} from '../helpers/tagged-bindings';
import {describeValue} from '../helpers/describe-value';
import {RoleHierarchy} from '../options/role-hierarchy';
import {isPromiseLike} from '../helpers/hot-path';

/**
 * The roles and scopes of a caller, as names: the one form they keep from
 * the mappers to the decision record
 */
export interface CallerGrants {
  /**
   * Role names, expanded by the role hierarchy
   */
  readonly roles: readonly string[];
  /**
   * OAuth 2.0 scopes
   */
  readonly scopes: readonly string[];
}

/**
 * The grants of a call without mappers
 */
export const NO_GRANTS: CallerGrants = Object.freeze({
  roles: Object.freeze([]),
  scopes: Object.freeze([]),
});

/**
 * Stage 2, the grants: the roles the role mappers find, expanded by the role
 * hierarchy, and the scopes the scope mappers find. The mappers are the
 * bindings the invocation context sees now; without any, nothing is mapped,
 * as in the published package.
 *
 * @param principals - The principals of the caller
 * @param invocationCtx - The invocation
 * @param hierarchy - The role hierarchy, if one is configured
 * @param deadline - The deadline of the decision, if any
 */
export function mapGrants(
  principals: Principal[],
  invocationCtx: InvocationContext,
  hierarchy?: RoleHierarchy,
  deadline?: Deadline,
): ValueOrPromise<CallerGrants> {
  const roleMappers = findTagged<RoleMapper>(invocationCtx, 'roleMappers');
  const scopeMappers = findTagged<ScopeMapper>(invocationCtx, 'scopeMappers');
  if (roleMappers.length === 0 && scopeMappers.length === 0) return NO_GRANTS;
  const map = (bindings: Readonly<Binding<RoleMapper | ScopeMapper>>[]) =>
    namesFrom(bindings, principals, invocationCtx, deadline);
  // Frozen as they are made: the record of the decision takes them as they
  // are
  return map(roleMappers).then(async roles => ({
    roles: Object.freeze(hierarchy ? hierarchy.expand(roles) : roles),
    scopes: Object.freeze(await map(scopeMappers)),
  }));
}

/**
 * The union of what the mappers of one kind return, as names
 */
async function namesFrom(
  bindings: Readonly<Binding<RoleMapper | ScopeMapper>>[],
  principals: Principal[],
  invocationCtx: InvocationContext,
  deadline?: Deadline,
): Promise<string[]> {
  const names = new Set<string>();
  for (const binding of bindings) {
    const mapper: unknown = await within(
      deadline,
      valueOf(binding, invocationCtx),
      `resolving mapper "${binding.key}"`,
    );
    if (typeof mapper !== 'function') throw invalidMapper(binding.key, mapper);
    let found: unknown = mapper(principals, invocationCtx);
    if (isPromiseLike(found)) {
      found = await within(deadline, found, `mapper "${binding.key}"`);
    }
    if (!Array.isArray(found)) throw invalidMapping(binding.key, found);
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

function invalidMapper(key: string, value: unknown) {
  return createAuthorizationError(
    `Invalid mapper "${key}": expected a function, got ${describeValue(value)}`,
    500,
    AuthorizationErrorCode.INVALID_VOTER,
  );
}

function invalidMapping(key: string, value: unknown) {
  return createAuthorizationError(
    `Invalid result of mapper "${key}": expected an array of names or ` +
      `roles, got ${describeValue(value)}`,
    500,
    AuthorizationErrorCode.INVALID_VOTER,
  );
}
