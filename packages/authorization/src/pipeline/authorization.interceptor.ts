// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  asGlobalInterceptor,
  BindingScope,
  injectable,
  Interceptor,
  InvocationContext,
  InvocationResult,
  Next,
  Provider,
  ValueOrPromise,
} from '@loopback/core';
import {isPromiseLike} from '../helpers/hot-path';
import {findAuthorizationMetadata} from '../metadata/authorization-metadata';
import {ruleInForce} from '../metadata/rule-in-force';
import {
  authorizationOptions,
  ResolvedAuthorizationOptions,
} from '../options/options.reader';
import {decide} from './decide';

/**
 * The global interceptor that authorizes every invocation of a method with
 * authorization metadata: it reads the options and the rule in force, lets
 * the call through at once when there is nothing to decide, and otherwise
 * proceeds only once `decide` resolves.
 *
 * @remarks
 * Everything a decision depends on (options, authorizers, mappers,
 * listeners, the user) is read from the invocation context of each call,
 * as the published interceptor does, so the interceptor holds no state and
 * can be a singleton.
 */
@injectable(asGlobalInterceptor('authorization'), {
  scope: BindingScope.SINGLETON,
})
export class AuthorizationInterceptor implements Provider<Interceptor> {
  /**
   * The interceptor function
   */
  value(): Interceptor {
    return this.intercept.bind(this);
  }

  /**
   * Authorize an invocation, then proceed with it
   * @param invocationCtx - The invocation
   * @param next - The rest of the interceptor chain
   */
  intercept(
    invocationCtx: InvocationContext,
    next: Next,
  ): ValueOrPromise<InvocationResult> {
    let options: ValueOrPromise<ResolvedAuthorizationOptions>;
    try {
      options = authorizationOptions.read(invocationCtx);
    } catch (err) {
      // Malformed options: fail the call the way every other failure does
      return Promise.reject(err);
    }
    if (isPromiseLike(options)) {
      return options.then(resolved =>
        this.authorize(resolved, invocationCtx, next),
      );
    }
    return this.authorize(options, invocationCtx, next);
  }

  private authorize(
    options: ResolvedAuthorizationOptions,
    invocationCtx: InvocationContext,
    next: Next,
  ): ValueOrPromise<InvocationResult> {
    const metadata = ruleInForce(
      findAuthorizationMetadata(invocationCtx.target, invocationCtx.methodName),
      options,
      routePathOf(invocationCtx),
    );
    if (metadata == null || metadata.skip) {
      // Nothing to decide: no work, no allocation
      return next();
    }
    return decide(invocationCtx, options, metadata, next);
  }
}

/**
 * The path of the REST route an invocation serves, from the source LoopBack
 * gives a route's invocation; `undefined` for any other call
 */
function routePathOf(invocationCtx: InvocationContext): string | undefined {
  const source = invocationCtx.source;
  if (source?.type !== 'route') return undefined;
  const path = (source.value as {path?: unknown} | undefined)?.path;
  return typeof path === 'string' ? path : undefined;
}
