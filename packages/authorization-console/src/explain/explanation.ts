// Copyright The loopback-security-monorepo authors. License: MIT.

import type {
  AuthorizationDecision,
  AuthorizationRules,
} from '@loopback/authorization';
import type {PolicyExplanation} from '../policy/policy-explainer';
import type {DecidedBy} from './decided-by';

/**
 * One vote of an explained decision
 */
export interface ExplainedVote {
  /**
   * The voter, as the decision record names it
   */
  voter: string;
  /**
   * Its vote
   */
  decision: AuthorizationDecision;
  /**
   * Its reason, if it gave one
   */
  reason?: string;
  /**
   * The policy rule its reason names, if any
   */
  rule?: string;
}

/**
 * The answer of `POST <path>/explain`: what a request would get, and why
 */
export interface Explanation {
  /**
   * The final decision: `Allow` when the request reaches the method (and,
   * for an instance, the guarded repository lets it act on it)
   */
  decision: AuthorizationDecision.ALLOW | AuthorizationDecision.DENY;
  /**
   * The status the request is refused with; absent when it is let through
   */
  status?: number;
  /**
   * What decided
   */
  decidedBy: DecidedBy;
  /**
   * Every vote, in the order cast, with its reason
   */
  votes: ExplainedVote[];
  /**
   * The subject's user; absent for an anonymous caller
   */
  user?: {id: string; name?: string};
  /**
   * The caller's roles, after the role mappers and the role hierarchy
   */
  roles: string[];
  /**
   * The caller's scopes
   */
  scopes: string[];
  /**
   * The route the request reaches, with its rules
   */
  route?: {
    verb: string;
    path: string;
    controller: string;
    method: string;
    rules?: AuthorizationRules;
  };
  /**
   * What the policy rules say, when the method (or the question) names a
   * policy resource type and action
   */
  policy?: PolicyExplanation;
  /**
   * The error that stopped the decision, or refused the request
   */
  error?: {statusCode: number; message: string; code?: string};
  /**
   * What the explanation could not take into account
   */
  notes: string[];
}
