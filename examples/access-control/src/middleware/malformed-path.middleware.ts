// Copyright The loopback-security-monorepo authors. License: MIT.

import {injectable, Provider} from '@loopback/core';
import {
  asMiddleware,
  HttpErrors,
  Middleware,
  RestMiddlewareGroups,
} from '@loopback/rest';

/**
 * Answers 400 to a path whose percent-encoding is not UTF-8
 * (`/orders/%ED%A0%80`), which LoopBack's router cannot decode and would
 * answer with 500: the request is malformed, whatever route it was for.
 *
 * @remarks
 * Around the router (`findRoute`), the only step that decodes the path.
 */
@injectable(
  asMiddleware({
    group: 'malformedPath',
    upstreamGroups: RestMiddlewareGroups.CORS,
    downstreamGroups: RestMiddlewareGroups.FIND_ROUTE,
  }),
)
export class MalformedPathMiddlewareProvider implements Provider<Middleware> {
  /**
   * The middleware function
   */
  value(): Middleware {
    return async (ctx, next) => {
      try {
        return await next();
      } catch (err) {
        if (!(err instanceof URIError)) throw err;
        throw Object.assign(
          new HttpErrors.BadRequest(
            'Malformed path: its percent-encoding is not UTF-8',
          ),
          {code: 'MALFORMED_PATH'},
        );
      }
    };
  }
}
