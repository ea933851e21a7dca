// Copyright The loopback-security-monorepo authors. License: MIT.

import {InvocationContext} from '@loopback/core';
import {Principal, Role} from '@loopback/security';
import type {AuthorizationDecision, AuthorizerResult} from './decision';
import type {AuthorizationMetadata} from './metadata';

/**
 * A voter in the authorization decision: it looks at the authorization
 * context and the metadata of the method and votes Allow, Deny or Abstain,
 * or returns an {@link AuthorizationVerdict} that also says why.
 *
 * @remarks
 * Anything other than the three {@link AuthorizationDecision} values or a
 * well-formed verdict is not a vote: this package stops the call with an
 * error instead of guessing. The metadata it receives is frozen.
 *
 * @typeParam T - The metadata type, for authorizers that read fields of their
 * own
 * @typeParam R - What it returns: a decision (the published contract), or
 * {@link AuthorizerResult} for a voter that may explain its vote
 */
export type Authorizer<
  T extends AuthorizationMetadata = AuthorizationMetadata,
  R extends AuthorizerResult = AuthorizationDecision,
> = (authorizationCtx: AuthorizationContext, metadata: T) => Promise<R>;

/**
 * What the voters know about a call: who calls, in which roles and scopes,
 * and which method
 */
export interface AuthorizationContext {
  /**
   * The principals of the caller; empty for an anonymous caller
   */
  principals: Principal[];
  /**
   * The roles of the caller
   */
  roles: Role[];
  /**
   * The OAuth 2.0 scopes granted to the caller
   */
  scopes: string[];
  /**
   * The protected resource: the method, as `ClassName.prototype.methodName`
   * (or `ClassName.methodName` for a static method)
   */
  resource: string;
  /**
   * The context of the invocation, to resolve more information from
   */
  invocationContext: InvocationContext;
}

/**
 * A request for a policy enforcer, in the subject/object/action form that
 * engines such as casbin take
 */
export interface AuthorizationRequest {
  /**
   * The domain (tenant, realm) of the request
   */
  domain?: string;
  /**
   * The subject, for example the user id
   */
  subject: string;
  /**
   * The object, for example the resource name
   */
  object: string;
  /**
   * The action, for example the method name
   */
  action: string;
}

/**
 * An engine that turns an authorization context into a request and decides it
 */
export interface Enforcer {
  /**
   * Build the request to enforce from the authorization context
   * @param authorizationCtx - The authorization context
   */
  buildRequest(
    authorizationCtx: AuthorizationContext,
  ): Promise<AuthorizationRequest>;

  /**
   * Decide a request
   * @param request - The request
   */
  enforce(request: AuthorizationRequest): Promise<AuthorizationDecision>;
}
