// Copyright The loopback-security-monorepo authors. License: MIT.

import {InvocationContext, ValueOrPromise} from '@loopback/core';
import {Principal, Role} from '@loopback/security';

/**
 * Maps the principals of a call to role names or roles. Bind role mappers
 * with `AuthorizationTags.ROLE_MAPPER`; the names they find, expanded by the
 * `roleHierarchy` option, fill `AuthorizationContext.roles` for every voter.
 */
export type RoleMapper = (
  principals: Principal[],
  invocationCtx: InvocationContext,
) => ValueOrPromise<(string | Role)[]>;

/**
 * Maps the principals of a call to the OAuth 2.0 scopes they hold. Bind scope
 * mappers with `AuthorizationTags.SCOPE_MAPPER`; what they find fills
 * `AuthorizationContext.scopes` for every voter.
 */
export type ScopeMapper = (
  principals: Principal[],
  invocationCtx: InvocationContext,
) => ValueOrPromise<string[]>;
