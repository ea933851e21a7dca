// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationError,
  createAuthorizationError,
} from '@loopback/authorization';

/**
 * Codes of the errors this package raises
 */
export namespace PostgresAuthorizationErrorCode {
  /**
   * The instance has not confirmed it is up to date within the staleness
   * bound: it fails closed (503)
   */
  export const STALE = 'AUTHORIZATION_STORE_STALE';
  /**
   * A request asked for a revision this instance did not reach in time (503)
   */
  export const REVISION_TIMEOUT = 'AUTHORIZATION_REVISION_TIMEOUT';
  /**
   * A revision header that is not a positive integer (400)
   */
  export const INVALID_REVISION = 'INVALID_AUTHORIZATION_REVISION';
  /**
   * A rule or role assignment given to the store is malformed (422)
   */
  export const INVALID_INPUT = 'INVALID_AUTHORIZATION_STORE_INPUT';
  /**
   * The component or feed options are malformed (500)
   */
  export const INVALID_OPTIONS = 'INVALID_AUTHORIZATION_STORE_OPTIONS';
  /**
   * The database holds a schema newer than this package knows (500)
   */
  export const SCHEMA_TOO_NEW = 'AUTHORIZATION_SCHEMA_TOO_NEW';
  /**
   * Roles were written for a revoked principal (409): restore it first
   */
  export const PRINCIPAL_REVOKED = 'AUTHORIZATION_PRINCIPAL_REVOKED';
  /**
   * The database cannot be reached now (503)
   */
  export const DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE';
}

/**
 * What a stale or timed-out instance reports, so that the decision record
 * and the response say how far behind it was
 */
export interface FreshnessDetails {
  /**
   * The revision the instance had applied
   */
  revision: number;
  /**
   * Milliseconds since it last confirmed it was up to date
   */
  lagMs: number;
  /**
   * The staleness bound in milliseconds
   */
  stalenessBoundMs: number;
  /**
   * The revision the request asked for, if it asked for one
   */
  requiredRevision?: number;
}

/**
 * An {@link @loopback/authorization#AuthorizationError} with its code and,
 * for freshness failures, the details
 * @param message - What went wrong, and where
 * @param statusCode - HTTP status code
 * @param code - One of {@link PostgresAuthorizationErrorCode}
 * @param details - How far behind the instance was
 */
export function createStoreError(
  message: string,
  statusCode: number,
  code: string,
  details?: FreshnessDetails,
): AuthorizationError & {details?: FreshnessDetails} {
  const error: AuthorizationError & {details?: FreshnessDetails} =
    createAuthorizationError(message, statusCode, code);
  if (details) error.details = {...details};
  if (statusCode === 503) {
    // The client can act on it (retry, or send an older revision): its
    // message goes to the client, which LoopBack withholds for a 5xx unless
    // the error is exposed, with a hint of when to try again
    (error as {expose?: boolean}).expose = true;
    error.headers = {'Retry-After': '1'};
  }
  return error;
}
