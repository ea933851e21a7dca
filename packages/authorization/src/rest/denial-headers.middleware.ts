// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  BindingScope,
  BindingTemplate,
  ContextTags,
  extensionFor,
  InvocationResult,
  ValueOrPromise,
} from '@loopback/core';
import {AuthorizationError} from '../errors';

/**
 * The middleware chain of LoopBack's REST sequence, `RestTags.REST_MIDDLEWARE_CHAIN`
 * (declared here so that this package does not depend on `@loopback/rest`)
 */
const REST_MIDDLEWARE_CHAIN = 'middlewareChain.default';

/**
 * The part of a REST middleware context this middleware uses
 */
export interface DenialHeadersContext {
  /**
   * The HTTP response
   */
  response: {
    /**
     * Whether the headers were sent already
     */
    headersSent?: boolean;
    /**
     * Set a header
     */
    setHeader(name: string, value: string): unknown;
  };
}

/**
 * A REST middleware that writes the `headers` of an
 * {@link AuthorizationError} into the response, then lets the error go on to
 * the sequence's reject action, which writes the status and the body.
 */
export type DenialHeadersMiddleware = (
  ctx: DenialHeadersContext,
  next: () => ValueOrPromise<InvocationResult>,
) => Promise<InvocationResult>;

/**
 * The middleware. Only an error that reaches the sequence is the client's
 * answer: a denial of a nested call that its caller catches never gets here,
 * so its headers are never written.
 */
export const denialHeadersMiddleware: DenialHeadersMiddleware = async (
  ctx,
  next,
) => {
  try {
    const result = await next();
    return result;
  } catch (err) {
    if (err instanceof AuthorizationError && err.headers) {
      const response = ctx.response;
      if (!response.headersSent) {
        for (const [name, value] of Object.entries(err.headers)) {
          response.setHeader(name, value);
        }
      }
    }
    throw err;
  }
};

/**
 * The binding template of {@link denialHeadersMiddleware}: a singleton in
 * LoopBack's REST middleware chain, right after `sendResponse` (whose reject
 * action writes the error) and before the route is found and invoked. An
 * application without a REST server never invokes it.
 */
export const asDenialHeadersMiddleware: BindingTemplate = binding => {
  binding
    .inScope(BindingScope.SINGLETON)
    .apply(extensionFor(REST_MIDDLEWARE_CHAIN))
    .tag({
      [ContextTags.NAMESPACE]: 'middleware',
      group: 'authorizationDenialHeaders',
      upstreamGroups: ['sendResponse'],
      downstreamGroups: ['cors'],
    });
};
