// Copyright The loopback-security-monorepo authors. License: MIT.

import {ValueOrPromise} from '@loopback/core';
import {Principal} from '@loopback/security';
import type {AuthorizationDecision} from './decision';
import type {AuthorizationMetadata} from './metadata';

/**
 * One vote of an authorization decision
 */
export interface AuthorizationVote {
  /**
   * The voter, as `binding "KEY"` for a voter resolved from a binding or
   * `function NAME` for a function given to `@authorize`
   */
  readonly voter: string;
  /**
   * What it voted
   */
  readonly decision: AuthorizationDecision;
  /**
   * Why, when the voter returned an `AuthorizationVerdict`
   */
  readonly reason?: string;
}

/**
 * The record of one authorization decision, given to decision listeners.
 * It and every part of it are frozen: a listener cannot change what another
 * listener, or a later call, sees.
 */
export interface AuthorizationDecisionRecord {
  /**
   * The method, as `ClassName.prototype.methodName`
   */
  readonly resource: string;
  /**
   * The metadata in force for the method
   */
  readonly metadata: Readonly<AuthorizationMetadata>;
  /**
   * The principals of the caller; empty for an anonymous caller or when the
   * user could not be read
   */
  readonly principals: readonly Principal[];
  /**
   * The names of the caller's roles, after the role hierarchy
   */
  readonly roles: readonly string[];
  /**
   * The caller's scopes
   */
  readonly scopes: readonly string[];
  /**
   * The votes, in the order they were cast
   */
  readonly votes: readonly AuthorizationVote[];
  /**
   * The final decision. A failed authorization (an error) is a denial.
   */
  readonly decision: AuthorizationDecision.ALLOW | AuthorizationDecision.DENY;
  /**
   * The error that stopped the authorization, if any
   */
  readonly error?: Error;
  /**
   * How long the authorization took, in milliseconds
   */
  readonly durationMs: number;
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
