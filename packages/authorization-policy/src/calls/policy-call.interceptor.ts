// Copyright The loopback-security-monorepo authors. License: MIT.

import {getAuthorizationMetadata} from '@loopback/authorization';
import {
  asGlobalInterceptor,
  BindingScope,
  injectable,
  Interceptor,
  InvocationContext,
  Next,
  Provider,
} from '@loopback/core';
import {PolicyError, PolicyErrorCode} from '../errors';
import {AuthorizationPolicyBindings} from '../keys';
import '../voters/policy-metadata';

/**
 * Follows each method call whose `@authorize` metadata names a resource and
 * an action: while it runs, guarded repositories of that resource write
 * under that action; when it returns, the call fails (500
 * `UNCHECKED_POLICY_ACTION`) if its door decision held only on conditions
 * or for some properties and no guarded repository checked an instance for
 * that action.
 *
 * @remarks
 * The door of a method (the policy voter) cannot see the instance: a rule
 * `allow cancel where total < 20` lets customer service in, and only a
 * guarded repository applies `total < 20`. A method that cancels through an
 * unguarded repository would ignore the condition; this check makes that
 * mistake fail the first test that calls the method, and keeps the answer
 * of such a call from leaving. Its effects are not undone: it is a safety
 * net, not a transaction.
 */
@injectable(asGlobalInterceptor('authorization-policy'), {
  scope: BindingScope.SINGLETON,
})
export class PolicyCallInterceptor implements Provider<Interceptor> {
  /**
   * The interceptor function
   */
  value(): Interceptor {
    return (invocationCtx, next) => this.intercept(invocationCtx, next);
  }

  /**
   * Follow one call
   * @param invocationCtx - The invocation
   * @param next - The rest of the chain
   */
  async intercept(invocationCtx: InvocationContext, next: Next) {
    const metadata = getAuthorizationMetadata(
      invocationCtx.target,
      invocationCtx.methodName,
    );
    const {resource, action} = metadata ?? {};
    if (typeof resource !== 'string' || typeof action !== 'string') {
      return next();
    }
    const call = await invocationCtx.get(AuthorizationPolicyBindings.CALL, {
      optional: true,
    });
    if (!call) return next();
    const frame = call.enter(resource, action);
    let result: unknown;
    try {
      result = await next();
    } finally {
      call.leave(frame);
    }
    if (call.unchecked(resource, action)) {
      throw new PolicyError(
        `${invocationCtx.targetName} names the action "${action}" on ` +
          `${resource}, whose rules let this caller in only on conditions ` +
          `or for some properties, but no repository guarded for ` +
          `${resource} checked an instance for "${action}": write through ` +
          `a guarded repository, or call its checkInstanceAction(id)`,
        500,
        PolicyErrorCode.UNCHECKED_ACTION,
      );
    }
    return result;
  }
}
