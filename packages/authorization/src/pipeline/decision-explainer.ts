// Copyright The loopback-security-monorepo authors. License: MIT.

import {InvocationContext, ValueOrPromise} from '@loopback/core';
import {Principal} from '@loopback/security';
import {isPromiseLike} from '../helpers/hot-path';
import {authorizationOptions} from '../options/options.reader';
import {findPrincipals} from './caller.stage';
import {CallerGrants, mapGrants} from './grants.stage';

// The first two stages of the decision pipeline, for tools that explain a
// decision without making a call (such as an authorization console): they
// must see the caller exactly as the interceptor does, so they run the same
// stages rather than a copy of them.

export type {CallerGrants};

/**
 * The principals of the user of an invocation, as the first stage of every
 * decision finds them: none for an anonymous caller, else one frozen
 * principal made from the user profile bound at `SecurityBindings.USER`.
 *
 * @param invocationCtx - The invocation
 */
export function findCallerPrincipals(
  invocationCtx: InvocationContext,
): ValueOrPromise<Principal[]> {
  return findPrincipals(invocationCtx);
}

/**
 * The role and scope names of a caller, as the second stage of every
 * decision maps them: the union of what the role mappers the invocation
 * context sees return, expanded by the `roleHierarchy` of the options in
 * force, and the union of what the scope mappers return.
 *
 * @param principals - The caller's principals, from
 * {@link findCallerPrincipals}
 * @param invocationCtx - The invocation
 */
export async function mapCallerGrants(
  principals: Principal[],
  invocationCtx: InvocationContext,
): Promise<CallerGrants> {
  const read = authorizationOptions.read(invocationCtx);
  const options = isPromiseLike(read) ? await read : read;
  return mapGrants(principals, invocationCtx, options.hierarchy);
}
