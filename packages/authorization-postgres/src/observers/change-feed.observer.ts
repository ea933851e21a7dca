// Copyright The loopback-security-monorepo authors. License: MIT.

import {inject, LifeCycleObserver, lifeCycleObserver} from '@loopback/core';
import type {Pool} from 'pg';
import {PostgresChangeFeed} from '../feeds/postgres-change-feed';
import {PostgresAuthorizationBindings} from '../keys';
import {PostgresAuthorizationStore} from '../stores/postgres-authorization.store';

/**
 * Migrates the schema and starts the change feed when the application
 * starts; stops the feed and ends the pool when it stops
 */
@lifeCycleObserver('authorization')
export class ChangeFeedObserver implements LifeCycleObserver {
  /**
   * @param store - The store
   * @param feed - The change feed
   * @param pool - The pool, ended last
   */
  constructor(
    @inject(PostgresAuthorizationBindings.STORE)
    private readonly store: PostgresAuthorizationStore,
    @inject(PostgresAuthorizationBindings.FEED)
    private readonly feed: PostgresChangeFeed,
    @inject(PostgresAuthorizationBindings.POOL) private readonly pool: Pool,
  ) {}

  /**
   * Migrate, then load everything and listen
   */
  async start(): Promise<void> {
    await this.store.migrate();
    await this.feed.start();
  }

  /**
   * Stop the feed and end the pool
   */
  async stop(): Promise<void> {
    await this.feed.stop();
    await this.pool.end();
  }
}
