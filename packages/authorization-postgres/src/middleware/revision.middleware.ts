// Copyright The loopback-security-monorepo authors. License: MIT.

import {describeValue} from '@loopback/authorization';
import {inject, injectable, Provider} from '@loopback/core';
import {asMiddleware, Middleware, RestTags} from '@loopback/rest';
import {createStoreError, PostgresAuthorizationErrorCode} from '../errors';
import {PostgresChangeFeed} from '../feeds/postgres-change-feed';
import {PostgresAuthorizationBindings} from '../keys';
import {ResolvedPostgresAuthorizationOptions} from '../postgres-authorization.options';
import {singletonUnder} from '../providers/singleton-binding';

const REVISION = /^[1-9][0-9]{0,15}$/;

/**
 * The key of the revision middleware
 */
export const REVISION_MIDDLEWARE_KEY = 'middleware.authorizationRevision';

/**
 * Read-your-writes: a request whose revision header names a revision waits
 * (bounded) until this instance has applied it, or is answered 503. A header
 * that is not a positive integer is answered 400.
 */
@injectable(
  asMiddleware({
    group: 'authorizationRevision',
    upstreamGroups: ['cors', 'apiSpec'],
    downstreamGroups: ['findRoute', 'invokeMethod'],
    chain: RestTags.REST_MIDDLEWARE_CHAIN,
  }),
  singletonUnder(REVISION_MIDDLEWARE_KEY),
)
export class RevisionMiddlewareProvider implements Provider<Middleware> {
  /**
   * @param feed - The change feed
   * @param options - The component's options
   */
  constructor(
    @inject(PostgresAuthorizationBindings.FEED)
    private readonly feed: PostgresChangeFeed,
    @inject(PostgresAuthorizationBindings.OPTIONS)
    private readonly options: ResolvedPostgresAuthorizationOptions,
  ) {}

  /**
   * The middleware
   */
  value(): Middleware {
    const {revisionHeader, revisionWaitMs} = this.options;
    return async (ctx, next) => {
      const header = ctx.request.headers[revisionHeader];
      if (header !== undefined) {
        if (
          typeof header !== 'string' ||
          !REVISION.test(header) ||
          // Past 2^53 two revisions would compare equal
          !Number.isSafeInteger(Number(header))
        ) {
          throw createStoreError(
            `Invalid "${revisionHeader}" header: expected a revision ` +
              `(a positive integer), got ${describeValue(header)}`,
            400,
            PostgresAuthorizationErrorCode.INVALID_REVISION,
          );
        }
        await this.feed.requireRevision(Number(header), revisionWaitMs);
      }
      return next();
    };
  }
}
