// Copyright The loopback-security-monorepo authors. License: MIT.

import {AuthorizationInterceptor} from '@loopback/authorization';
import {Binding, InvocationContext} from '@loopback/core';

/**
 * What the authorization interceptor did with an invocation
 */
export interface DecisionOutcome {
  /**
   * Whether it let the call through (to the method, which is not run)
   */
  passed: boolean;
  /**
   * What it refused the call with
   */
  error?: unknown;
}

// What `next` returns instead of running the method
const PASSED = Object.freeze({passed: true});

/**
 * Run the authorization interceptor of the application on an invocation,
 * exactly as a real call runs it, with a `next` that does not run the
 * method: the decision is the one the call would get.
 *
 * @remarks
 * The interceptor keeps no state (it reads everything from the invocation
 * context), so a new instance decides as the bound one does. Without the
 * authorization component nothing authorizes a call: it passes.
 *
 * @param invocationCtx - The invocation
 */
export async function runDecision(
  invocationCtx: InvocationContext,
): Promise<DecisionOutcome> {
  if (!hasAuthorization(invocationCtx)) return {passed: true};
  try {
    const result = await new AuthorizationInterceptor().intercept(
      invocationCtx,
      () => PASSED,
    );
    return {passed: result === PASSED};
  } catch (error) {
    return {passed: false, error};
  }
}

function hasAuthorization(invocationCtx: InvocationContext): boolean {
  return (
    invocationCtx.find(
      (b: Readonly<Binding>) =>
        b.providerConstructor === AuthorizationInterceptor ||
        b.valueConstructor === AuthorizationInterceptor,
    ).length > 0
  );
}

/**
 * The HTTP status of an error, as LoopBack's REST layer answers it
 * @param error - What was thrown
 */
export function statusOf(error: unknown): number {
  const e = error as {statusCode?: unknown; status?: unknown} | null;
  for (const status of [e?.statusCode, e?.status]) {
    if (typeof status === 'number' && status >= 400 && status <= 599) {
      return status;
    }
  }
  return 500;
}

/**
 * The error part of an explanation
 * @param error - What was thrown
 */
export function describeError(error: unknown): {
  statusCode: number;
  message: string;
  code?: string;
} {
  const e = error as {message?: unknown; code?: unknown} | null;
  const described: {statusCode: number; message: string; code?: string} = {
    statusCode: statusOf(error),
    message: typeof e?.message === 'string' ? e.message : String(error),
  };
  if (typeof e?.code === 'string') described.code = e.code;
  return described;
}
