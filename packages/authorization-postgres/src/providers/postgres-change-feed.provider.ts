// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  ContextView,
  filterByTag,
  inject,
  injectable,
  Provider,
} from '@loopback/core';
import {ChangeSubscriber} from '../feeds/change-feed.types';
import {followChangeSubscribers} from '../feeds/change-subscribers';
import {PostgresChangeFeed} from '../feeds/postgres-change-feed';
import {
  PostgresAuthorizationBindings,
  PostgresAuthorizationTags,
} from '../keys';
import {PostgresAuthorizationStore} from '../stores/postgres-authorization.store';
import {ResolvedPostgresAuthorizationOptions} from '../postgres-authorization.options';
import {singletonUnder} from './singleton-binding';

/**
 * Provides the change feed of this instance, with every binding tagged as a
 * change subscriber subscribed (the role assignments, the revoked
 * principals, the policy rules), now and as they come: the one place where
 * subscribers join the feed. The lifecycle observer starts and stops it.
 */
@injectable(singletonUnder(PostgresAuthorizationBindings.FEED))
export class PostgresChangeFeedProvider implements Provider<PostgresChangeFeed> {
  /**
   * @param store - The store
   * @param subscribers - The bindings tagged as change subscribers
   * @param options - The component's options
   */
  constructor(
    @inject(PostgresAuthorizationBindings.STORE)
    private readonly store: PostgresAuthorizationStore,
    @inject.view(filterByTag(PostgresAuthorizationTags.CHANGE_SUBSCRIBER))
    private readonly subscribers: ContextView<ChangeSubscriber>,
    @inject(PostgresAuthorizationBindings.OPTIONS)
    private readonly options: ResolvedPostgresAuthorizationOptions,
  ) {}

  /**
   * The feed
   */
  async value(): Promise<PostgresChangeFeed> {
    const feed = new PostgresChangeFeed(
      this.store,
      this.options.pool,
      this.options,
    );
    await followChangeSubscribers(feed, this.subscribers);
    return feed;
  }
}
