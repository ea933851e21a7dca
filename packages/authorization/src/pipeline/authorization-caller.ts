// Copyright The loopback-security-monorepo authors. License: MIT.

import {Context, InvocationContext} from '@loopback/core';
import {Principal} from '@loopback/security';
import {authorizationOptions} from '../options/options.reader';
import {findPrincipals} from './caller.stage';
import {mapGrants} from './grants.stage';

/**
 * Who calls, as every decision of a request sees it: the principals of the
 * user, and the role and scope names the mappers in force give them
 */
export interface AuthorizationCaller {
  /**
   * The principals of the user bound at `SecurityBindings.USER`; none for an
   * anonymous caller. Frozen.
   */
  readonly principals: readonly Principal[];
  /**
   * The role names the role mappers find, expanded by the role hierarchy of
   * the options in force
   */
  readonly roles: readonly string[];
  /**
   * The scopes the scope mappers find
   */
  readonly scopes: readonly string[];
}

/**
 * The caller of a request, built exactly as the authorization interceptor
 * builds it for its voters: the user of the context, the role mappers and
 * scope mappers the context sees now, and the role hierarchy of the options
 * in force for it. Code that decides outside the voters (a repository that
 * filters rows, a console that explains a decision) calls it so that it
 * decides on the same roles as the door of the method.
 *
 * @remarks
 * Nothing is kept between calls: a change of the user, the mappers or the
 * options reaches the next call. The mappers receive `ctx`, which is the
 * request context rather than an invocation context when this is called
 * outside one.
 *
 * @param ctx - The context of the request or of the invocation
 */
export async function resolveAuthorizationCaller(
  ctx: Context,
): Promise<AuthorizationCaller> {
  // Typed as an invocation: the stages read only bindings of the context
  const invocation = ctx as InvocationContext;
  const options = await authorizationOptions.read(ctx);
  const principals = await findPrincipals(invocation);
  const grants = await mapGrants(principals, invocation, options.hierarchy);
  return Object.freeze({
    principals,
    roles: Object.freeze([...grants.roles]),
    scopes: Object.freeze([...grants.scopes]),
  });
}
