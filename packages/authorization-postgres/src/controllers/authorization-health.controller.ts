// Copyright The loopback-security-monorepo authors. License: MIT.

import {authorize} from '@loopback/authorization';
import {inject} from '@loopback/core';
import {get, Response, RestBindings} from '@loopback/rest';
import {PostgresChangeFeed} from '../feeds/postgres-change-feed';
import {PostgresAuthorizationBindings} from '../keys';
import {FeedStatus} from '../feeds/change-feed.types';

/**
 * Serves the freshness of this instance: its revision, its lag and the
 * staleness bound; 503 when stale, so that a load balancer can take the
 * instance out
 */
export class AuthorizationHealthController {
  /**
   * @param feed - The change feed
   * @param response - The HTTP response
   */
  constructor(
    @inject(PostgresAuthorizationBindings.FEED)
    private readonly feed: PostgresChangeFeed,
    @inject(RestBindings.Http.RESPONSE) private readonly response: Response,
  ) {}

  /**
   * The status of the change feed
   */
  // Public on purpose: a load balancer asks it without a token
  @authorize.skip()
  @get('/authorization/health', {
    responses: {
      '200': {description: 'Up to date within the staleness bound'},
      '503': {description: 'Stale: requests that need roles fail closed'},
    },
  })
  health(): Omit<FeedStatus, 'lagMs' | 'lastError'> & {lagMs: number | null} {
    // The last error stays out: the endpoint is public and a database error
    // may name hosts or users
    const status = this.feed.status();
    if (status.stale) this.response.status(503);
    return {
      revision: status.revision,
      knownRevision: status.knownRevision,
      // JSON has no Infinity: before the first load the lag is null
      lagMs: Number.isFinite(status.lagMs) ? Math.round(status.lagMs) : null,
      stalenessBoundMs: status.stalenessBoundMs,
      stale: status.stale,
      listening: status.listening,
      reconnects: status.reconnects,
    };
  }
}
