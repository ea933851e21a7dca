// Copyright The loopback-security-monorepo authors. License: MIT.

import {createStoreError, PostgresAuthorizationErrorCode} from '../errors';

// Which errors of `pg` mean "the database is away" (a restart, a killed
// connection, a network failure), as opposed to a query the database
// refused. The first are worth a 503 and a retry; the second are bugs or
// bad input.

/**
 * SQLSTATE codes of a database that is away or going away: connection
 * exceptions (class 08), an administrator or a crash ending the session
 * (57P01, 57P02), a server that is starting or stopping (57P03), too many
 * connections (53300)
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * Codes of Node.js socket errors
 */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'ECONNABORTED',
  // The name of the database's host does not resolve, for now: a service
  // restarting behind a DNS name
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/**
 * Messages of `pg` and `pg-pool` for a connection lost or never made; these
 * errors carry no code
 */
const CONNECTION_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Query read timeout/,
  /is not queryable/,
  /^Connection timeout/,
];

/**
 * Whether an error of `pg` (or of a library built on it, such as the
 * LoopBack PostgreSQL connector) means the database cannot be reached now:
 * the same request is worth trying again later
 * @param err - Any error
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (err === null || typeof err !== 'object') return false;
  const {code, message} = err as {code?: unknown; message?: unknown};
  if (typeof code === 'string') {
    if (code.startsWith('08') && code.length === 5) return true;
    if (UNAVAILABLE_SQLSTATES.has(code) || SOCKET_CODES.has(code)) {
      return true;
    }
  }
  if (typeof message !== 'string') return false;
  return CONNECTION_MESSAGES.some(pattern => pattern.test(message));
}

/**
 * The 503 error of a database that cannot be reached: its message is for
 * the client and names no host, the original error is its `cause`; it
 * carries `Retry-After: 1`
 * @param what - What could not be reached, such as `The database`
 * @param cause - The error of `pg`
 */
export function databaseUnavailable(what: string, cause: unknown) {
  const error = createStoreError(
    `${what} is unavailable: try again shortly`,
    503,
    PostgresAuthorizationErrorCode.DATABASE_UNAVAILABLE,
  );
  (error as {cause?: unknown}).cause = cause;
  return error;
}
