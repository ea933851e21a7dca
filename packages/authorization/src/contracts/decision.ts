// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * The decision of one authorizer, and the final decision of the vote
 */
export enum AuthorizationDecision {
  /**
   * Access allowed
   */
  ALLOW = 'Allow',
  /**
   * Access denied
   */
  DENY = 'Deny',
  /**
   * No decision: leave it to the other authorizers
   */
  ABSTAIN = 'Abstain',
}

/**
 * A vote with its reason, for a voter that explains itself (a policy voter
 * names the rule that decided). The reason reaches the decision record.
 *
 * @remarks
 * It is checked strictly: `decision` must be Allow, Deny or Abstain and
 * `reason` a non-empty string; anything else is an invalid vote, which stops
 * the call.
 */
export interface AuthorizationVerdict {
  /**
   * What the voter decided
   */
  decision: AuthorizationDecision;
  /**
   * Why, for the decision record; a non-empty string
   */
  reason: string;
}

/**
 * What an authorizer returns: a decision, or a decision with its reason
 */
export type AuthorizerResult = AuthorizationDecision | AuthorizationVerdict;

/**
 * Built-in role that every caller has, authenticated or not
 */
export const EVERYONE = '$everyone';

/**
 * Built-in role of a caller with an authenticated user
 */
export const AUTHENTICATED = '$authenticated';

/**
 * Built-in role of a caller without an authenticated user
 */
export const UNAUTHENTICATED = '$unauthenticated';

/**
 * Built-in role of an anonymous caller (the same callers as
 * {@link UNAUTHENTICATED})
 */
export const ANONYMOUS = '$anonymous';
