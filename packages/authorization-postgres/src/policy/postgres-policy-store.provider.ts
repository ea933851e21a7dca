// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationPolicyBindings,
  AuthorizationPolicyOptions,
  toResourceSchemas,
} from '@loopback/authorization-policy';
import {config, inject, Provider} from '@loopback/core';
import type {PostgresChangeFeed} from '../feeds/postgres-change-feed';
import {PostgresAuthorizationBindings} from '../keys';
import type {ResolvedPostgresAuthorizationOptions} from '../postgres-authorization.options';
import type {PostgresAuthorizationStore} from '../stores/postgres-authorization.store';
import {PostgresPolicyStore} from './postgres.policy-store';

/**
 * The policy store on PostgreSQL, for the resource types of the policy
 * component's options; bound as a singleton, so that one engine follows
 * the feed
 */
export class PostgresPolicyStoreProvider implements Provider<PostgresPolicyStore> {
  /**
   * @param store - The PostgreSQL store
   * @param feed - This instance's change feed
   * @param options - The PostgreSQL component's options
   * @param policyOptions - The policy component's options
   */
  constructor(
    @inject(PostgresAuthorizationBindings.STORE)
    private readonly store: PostgresAuthorizationStore,
    @inject(PostgresAuthorizationBindings.FEED)
    private readonly feed: PostgresChangeFeed,
    @inject(PostgresAuthorizationBindings.OPTIONS)
    private readonly options: ResolvedPostgresAuthorizationOptions,
    @config({fromBinding: AuthorizationPolicyBindings.COMPONENT})
    private readonly policyOptions: AuthorizationPolicyOptions = {},
  ) {}

  /**
   * The store
   */
  value(): PostgresPolicyStore {
    return new PostgresPolicyStore(
      this.store,
      this.feed,
      toResourceSchemas(this.policyOptions.resources),
      this.options.revisionWaitMs,
    );
  }
}
