// Copyright The loopback-security-monorepo authors. License: MIT.

import {inject, Provider} from '@loopback/core';
import type {PostgresChangeFeed} from '../feeds/postgres-change-feed';
import {PostgresAuthorizationBindings} from '../keys';
import type {ResolvedPostgresAuthorizationOptions} from '../postgres-authorization.options';
import type {PostgresAuthorizationStore} from '../stores/postgres-authorization.store';
import {PostgresPolicyBindings} from './keys';
import type {PolicyEngineSink} from './policy-engine.sink';
import {PostgresPolicyStore} from './postgres.policy-store';

/**
 * The policy store on PostgreSQL: it writes through the store and reads the
 * engine the feed keeps up to date
 */
export class PostgresPolicyStoreProvider implements Provider<PostgresPolicyStore> {
  /**
   * @param store - The PostgreSQL store
   * @param feed - This instance's change feed
   * @param rules - The rules the feed keeps in an engine
   * @param options - The PostgreSQL component's options
   */
  constructor(
    @inject(PostgresAuthorizationBindings.STORE)
    private readonly store: PostgresAuthorizationStore,
    @inject(PostgresAuthorizationBindings.FEED)
    private readonly feed: PostgresChangeFeed,
    @inject(PostgresPolicyBindings.RULES)
    private readonly rules: PolicyEngineSink,
    @inject(PostgresAuthorizationBindings.OPTIONS)
    private readonly options: ResolvedPostgresAuthorizationOptions,
  ) {}

  /**
   * The store
   */
  value(): PostgresPolicyStore {
    return new PostgresPolicyStore(
      this.store,
      this.feed,
      this.rules,
      this.options.revisionWaitMs,
    );
  }
}
