// Copyright The loopback-security-monorepo authors. License: MIT.

import {findCallerPrincipals, mapCallerGrants} from '@loopback/authorization';
import {InvocationContext, isPromiseLike} from '@loopback/core';
import {Principal} from '@loopback/security';

/**
 * The caller of a call, as the decision pipeline sees it
 */
export interface ExplainCaller {
  /**
   * The principals: none for an anonymous caller
   */
  principals: readonly Principal[];
  /**
   * The role names, after the role mappers and the role hierarchy
   */
  roles: readonly string[];
  /**
   * The scope names
   */
  scopes: readonly string[];
}

/**
 * The caller of an invocation, built by the first two stages of the
 * decision pipeline of `@loopback/authorization` (the principals of the
 * user bound at `SecurityBindings.USER`; the roles of the role mappers in
 * force, expanded by the role hierarchy; the scopes of the scope mappers),
 * so that an explanation sees the roles a real request would get.
 *
 * @remarks
 * The one place the console builds a caller: when `@loopback/authorization`
 * offers a function that builds the caller of a context, this calls it.
 *
 * @param invocationCtx - The invocation
 */
export async function resolveExplainCaller(
  invocationCtx: InvocationContext,
): Promise<ExplainCaller> {
  const found = findCallerPrincipals(invocationCtx);
  const principals = isPromiseLike(found) ? await found : found;
  const grants = await mapCallerGrants(principals, invocationCtx);
  return {principals, roles: grants.roles, scopes: grants.scopes};
}
