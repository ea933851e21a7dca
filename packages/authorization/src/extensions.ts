// Copyright The loopback-security-monorepo authors. License: MIT.

import {InvocationContext, ValueOrPromise} from '@loopback/core';
import {Principal, Role} from '@loopback/security';
import {AuthorizationDecision, AuthorizationMetadata} from './types';

// The contracts of the extension points of the interceptor: role mappers,
// scope mappers and decision listeners, each bound with its tag from
// `AuthorizationTags`.

/**
 * Maps the principals of a call to role names or roles. Bind role mappers
 * with `AuthorizationTags.ROLE_MAPPER`; what they find fills
 * {@link AuthorizationContext.roles} for every voter.
 */
export type RoleMapper = (
  principals: Principal[],
  invocationCtx: InvocationContext,
) => ValueOrPromise<(string | Role)[]>;

/**
 * Maps the principals of a call to the OAuth 2.0 scopes they hold. Bind scope
 * mappers with `AuthorizationTags.SCOPE_MAPPER`; what they find fills
 * {@link AuthorizationContext.scopes} for every voter.
 */
export type ScopeMapper = (
  principals: Principal[],
  invocationCtx: InvocationContext,
) => ValueOrPromise<string[]>;

/**
 * One vote of an authorization decision
 */
export interface AuthorizationVote {
  /**
   * The voter, as `binding "KEY"` for a voter resolved from a binding or
   * `function NAME` for a function given to `@authorize`
   */
  voter: string;
  /**
   * What it voted
   */
  decision: AuthorizationDecision;
}

/**
 * The record of one authorization decision, given to decision listeners
 */
export interface AuthorizationDecisionRecord {
  /**
   * The method, as `ClassName.prototype.methodName`
   */
  resource: string;
  /**
   * The metadata in force for the method
   */
  metadata: AuthorizationMetadata;
  /**
   * The principals of the caller; empty for an anonymous caller
   */
  principals: Principal[];
  /**
   * The names of the caller's roles, after the role hierarchy
   */
  roles: string[];
  /**
   * The caller's scopes
   */
  scopes: string[];
  /**
   * The votes, in the order they were cast
   */
  votes: AuthorizationVote[];
  /**
   * The final decision. A failed authorization (an error) is a denial.
   */
  decision: AuthorizationDecision.ALLOW | AuthorizationDecision.DENY;
  /**
   * The error that stopped the authorization, if any
   */
  error?: Error;
  /**
   * How long the authorization took, in milliseconds
   */
  durationMs: number;
}

/**
 * Called with the record of every authorization decision. Bind decision
 * listeners with `AuthorizationTags.DECISION_LISTENER`. A listener cannot
 * change the decision: what it throws or rejects with is logged and ignored,
 * and a promise it returns is not waited for.
 */
export type DecisionListener = (
  record: AuthorizationDecisionRecord,
) => ValueOrPromise<void>;
