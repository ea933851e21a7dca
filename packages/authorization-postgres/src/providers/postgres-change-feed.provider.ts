// Copyright The loopback-security-monorepo authors. License: MIT.

import {inject, injectable, Provider} from '@loopback/core';
import {PostgresChangeFeed} from '../feeds/postgres-change-feed';
import {PostgresAuthorizationBindings} from '../keys';
import {RevokedPrincipals} from '../principals/revoked-principals';
import {RoleAssignments} from '../role-mappers/role-assignments';
import {PostgresAuthorizationStore} from '../stores/postgres-authorization.store';
import {ResolvedPostgresAuthorizationOptions} from '../postgres-authorization.options';
import {singletonUnder} from './singleton-binding';

/**
 * Provides the change feed of this instance, with the role assignments and
 * the revoked principals subscribed; the lifecycle observer starts and stops it
 */
@injectable(singletonUnder(PostgresAuthorizationBindings.FEED))
export class PostgresChangeFeedProvider implements Provider<PostgresChangeFeed> {
  /**
   * @param store - The store
   * @param roleAssignments - The role assignments to keep up to date
   * @param revokedPrincipals - The revoked principals to keep up to date
   * @param options - The component's options
   */
  constructor(
    @inject(PostgresAuthorizationBindings.STORE)
    private readonly store: PostgresAuthorizationStore,
    @inject(PostgresAuthorizationBindings.ROLE_ASSIGNMENTS)
    private readonly roleAssignments: RoleAssignments,
    @inject(PostgresAuthorizationBindings.REVOKED_PRINCIPALS)
    private readonly revokedPrincipals: RevokedPrincipals,
    @inject(PostgresAuthorizationBindings.OPTIONS)
    private readonly options: ResolvedPostgresAuthorizationOptions,
  ) {}

  /**
   * The feed
   */
  value(): PostgresChangeFeed {
    const feed = new PostgresChangeFeed(
      this.store,
      this.options.pool,
      this.options,
    );
    feed.subscribe(this.roleAssignments);
    feed.subscribe(this.revokedPrincipals);
    return feed;
  }
}
