// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationBindings,
  AuthorizationContext,
  AuthorizationDecision,
  AuthorizationTags,
  Authorizer,
} from '@loopback/authorization';
import {
  Binding,
  BindingKey,
  BindingType,
  ContextBindings,
  filterByTag,
  Interceptor,
  InvocationContext,
  isPromiseLike,
  ValueOrPromise,
} from '@loopback/core';
import {HttpErrors} from '@loopback/rest';
import {SecurityBindings} from '@loopback/security';
import {BENCHMARK_METADATA} from './fixtures';

/*
 * Read once, as our interceptor does: `@loopback/core` re-exports these
 * through getters, and each read on the path of a call would be counted.
 */
const CONSTANT = BindingType.CONSTANT;
const isPending = isPromiseLike;
const CONFIGURATION_RESOLVER = ContextBindings.CONFIGURATION_RESOLVER;
const USER = SecurityBindings.USER;
const OPTIONS = BindingKey.buildKeyForConfig(
  AuthorizationBindings.COMPONENT,
).toString();
const ALLOW = AuthorizationDecision.ALLOW;
const DENY = AuthorizationDecision.DENY;
const AUTHORIZERS = filterByTag(AuthorizationTags.AUTHORIZER);
const ROLE_MAPPERS = filterByTag(AuthorizationTags.ROLE_MAPPER);
const SCOPE_MAPPERS = filterByTag(AuthorizationTags.SCOPE_MAPPER);
const LISTENERS = filterByTag(AuthorizationTags.DECISION_LISTENER);

/**
 * The voter of a binding for a call: a constant's value is its source (what
 * `getValue` would return, without a resolution session), anything else is
 * resolved
 */
function voterOf(
  binding: Readonly<Binding<Authorizer>>,
  ctx: InvocationContext,
): ValueOrPromise<Authorizer> {
  return binding.type === CONSTANT
    ? (binding.source?.value as Authorizer)
    : binding.getValue(ctx);
}

/**
 * The least that a faithful decision costs through LoopBack's public API: a
 * global interceptor that, on every call, makes the lookups through the
 * invocation context chain that any of the next calls may see change, asks
 * the voters and proceeds or throws, and does nothing else.
 *
 * @remarks
 * The lookups are those of a decision that no cache can make wrong: the
 * component's options binding and whether a configuration resolver is
 * bound, the user, and the bindings of the four extension points by tag
 * (authorizers, role mappers, scope mappers, decision listeners). The
 * voters found are asked in order, each awaited, until one allows or
 * denies; a denial throws a 403, and a call that nobody decides is denied,
 * as the default decision of ours and of the published package is.
 *
 * What it leaves out is what any real authorization adds to it: reading the
 * method's metadata (the benchmark's rule is passed as it is), building the
 * caller's principals, roles and scopes, checking options, metadata and
 * votes, copies of what voters receive, the decision record and the
 * listeners. Its cost over the floor (an interceptor that only calls
 * `next()`) is therefore the least that LoopBack's public API lets a
 * decision cost; what ours costs over it is what the rest of ours costs.
 * It is a yardstick of the benchmark, not an authorization to use.
 *
 * @param invocationCtx - The invocation
 * @param next - The rest of the interceptor chain
 */
export const lookupsInterceptor: Interceptor = async (invocationCtx, next) => {
  invocationCtx.getBinding(OPTIONS, {optional: true});
  invocationCtx.isBound(CONFIGURATION_RESOLVER);
  invocationCtx.getBinding(USER, {optional: true});
  const voters = invocationCtx.find<Authorizer>(AUTHORIZERS);
  invocationCtx.find(ROLE_MAPPERS);
  invocationCtx.find(SCOPE_MAPPERS);
  invocationCtx.find(LISTENERS);
  const authorizationCtx: AuthorizationContext = {
    principals: [],
    roles: [],
    scopes: [],
    resource: invocationCtx.targetName,
    invocationContext: invocationCtx,
  };
  for (const binding of voters) {
    // Await only what is pending: a tick per voter would be counted too
    const found = voterOf(binding, invocationCtx);
    const voter = isPending(found) ? await found : found;
    const decision = await voter(authorizationCtx, BENCHMARK_METADATA);
    if (decision === ALLOW) return next();
    if (decision === DENY) break;
  }
  throw new HttpErrors.Forbidden('Access denied');
};
