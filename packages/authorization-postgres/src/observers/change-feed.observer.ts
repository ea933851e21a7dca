// Copyright The loopback-security-monorepo authors. License: MIT.

import {inject, LifeCycleObserver, lifeCycleObserver} from '@loopback/core';
import debugFactory from 'debug';
import type {Pool} from 'pg';
import {PostgresChangeFeed} from '../feeds/postgres-change-feed';
import {PostgresAuthorizationBindings} from '../keys';
import {ResolvedPostgresAuthorizationOptions} from '../postgres-authorization.options';
import {PostgresAuthorizationStore} from '../stores/postgres-authorization.store';

const debug = debugFactory('loopback:authorization:postgres:observer');

const HOUR_MS = 3_600_000;

/**
 * Migrates the schema and starts the change feed when the application
 * starts, then prunes the change log now and then; stops the feed and ends
 * the pool when it stops
 */
@lifeCycleObserver('authorization')
export class ChangeFeedObserver implements LifeCycleObserver {
  /**
   * @param store - The store
   * @param feed - The change feed
   * @param pool - The pool, ended last
   * @param options - The component's options
   */
  constructor(
    @inject(PostgresAuthorizationBindings.STORE)
    private readonly store: PostgresAuthorizationStore,
    @inject(PostgresAuthorizationBindings.FEED)
    private readonly feed: PostgresChangeFeed,
    @inject(PostgresAuthorizationBindings.POOL) private readonly pool: Pool,
    @inject(PostgresAuthorizationBindings.OPTIONS)
    private readonly options: ResolvedPostgresAuthorizationOptions,
  ) {}

  private pruneTimer?: NodeJS.Timeout;

  /**
   * Migrate, then load everything and listen
   */
  async start(): Promise<void> {
    await this.store.migrate();
    await this.feed.start();
    const retention = this.options.changeLogRetentionMs;
    if (retention > 0) {
      this.prune(retention);
      this.pruneTimer = setInterval(
        () => this.prune(retention),
        Math.min(retention, HOUR_MS),
      );
      this.pruneTimer.unref();
    }
  }

  /**
   * Prune in the background: a failure only delays the next pruning
   */
  private prune(retention: number) {
    this.store
      .pruneChangeLog(retention)
      .catch(err => debug('Pruning failed: %s', (err as Error).message));
  }

  /**
   * Stop the feed and end the pool
   */
  async stop(): Promise<void> {
    clearInterval(this.pruneTimer);
    await this.feed.stop();
    await this.pool.end();
  }
}
