// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  databaseUnavailable,
  isDatabaseUnavailable,
} from '@loopback/authorization-postgres';
import {injectable, Provider} from '@loopback/core';
import {asMiddleware, Middleware, RestMiddlewareGroups} from '@loopback/rest';
import debugFactory from 'debug';

const debug = debugFactory('loopback:example:access-control:database');

/**
 * Answers 503 with `Retry-After: 1` and the message "The database is
 * unavailable: try again shortly", never a 500, for a request that failed
 * because PostgreSQL could not be reached (restarting, a connection killed,
 * the network down): the same request is worth sending again, and the next
 * one succeeds once the database is back, as the pools connect again by
 * themselves. Any other error goes on as it is.
 *
 * @remarks
 * Right after `sendResponse` in the REST middleware chain, so that it sees
 * the errors of authentication, authorization and the controllers alike.
 * In memory mode no error is of this kind.
 */
@injectable(
  asMiddleware({
    group: 'databaseUnavailable',
    upstreamGroups: RestMiddlewareGroups.SEND_RESPONSE,
    downstreamGroups: RestMiddlewareGroups.CORS,
  }),
)
export class DatabaseUnavailableMiddlewareProvider implements Provider<Middleware> {
  /**
   * The middleware function
   */
  value(): Middleware {
    return async (ctx, next) => {
      try {
        return await next();
      } catch (err) {
        if (!isDatabaseUnavailable(err)) throw err;
        debug('The database is unavailable: %s', (err as Error).message);
        const unavailable = databaseUnavailable('The database', err);
        if (!ctx.response.headersSent) {
          for (const [name, value] of Object.entries(unavailable.headers!)) {
            ctx.response.setHeader(name, value);
          }
        }
        throw unavailable;
      }
    };
  }
}
