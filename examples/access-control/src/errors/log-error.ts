// Copyright The loopback-security-monorepo authors. License: MIT.

import {LogError, Request} from '@loopback/rest';
import debugFactory from 'debug';

const debug = debugFactory('loopback:example:access-control:errors');

/**
 * How the REST sequence reports a failed request (bound at
 * `RestBindings.SequenceActions.LOG_ERROR`): a 503 is an expected answer
 * while the database or the authorization data is away, and the client is
 * told to retry; it goes to the debug log only, instead of a stack trace on
 * the console for every request of an outage. Any other 5xx is printed, as
 * LoopBack does.
 *
 * @param err - The error
 * @param statusCode - The status answered
 * @param request - The request
 */
export const logError: LogError = (
  err: Error,
  statusCode: number,
  request: Request,
) => {
  if (statusCode < 500) return;
  if (statusCode === 503) {
    debug('%s %s answered 503: %s', request.method, request.url, err.message);
    return;
  }
  console.error(
    'Request %s %s failed with status code %s. %s',
    request.method,
    request.url,
    statusCode,
    err.stack ?? err,
  );
};
