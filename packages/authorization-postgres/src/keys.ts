// Copyright The loopback-security-monorepo authors. License: MIT.

import type {FreshnessAuthorizer} from './authorizers/freshness.authorizer';
import {RoleMapper} from '@loopback/authorization';
import {BindingKey, CoreBindings} from '@loopback/core';
import type {Pool} from 'pg';
import type {PostgresAuthorizationComponent} from './postgres-authorization.component';
import type {PostgresChangeFeed} from './feeds/postgres-change-feed';
import type {ResolvedPostgresAuthorizationOptions} from './postgres-authorization.options';
import type {RevokedPrincipals} from './principals/revoked-principals';
import type {RoleAssignments} from './role-mappers/role-assignments';
import type {PostgresAuthorizationStore} from './stores/postgres-authorization.store';

/**
 * Binding keys of the PostgreSQL authorization component
 */
export namespace PostgresAuthorizationBindings {
  /**
   * The key the component is bound under; configure it at this key
   */
  export const COMPONENT = BindingKey.create<PostgresAuthorizationComponent>(
    `${CoreBindings.COMPONENTS}.PostgresAuthorizationComponent`,
  );

  /**
   * The component's options, laid over the defaults and checked
   */
  export const OPTIONS =
    BindingKey.create<ResolvedPostgresAuthorizationOptions>(
      'authorization.postgres.options',
    );

  /**
   * The `pg` pool of the store; ended when the application stops
   */
  export const POOL = BindingKey.create<Pool>('authorization.postgres.pool');

  /**
   * The store of rules and role assignments
   */
  export const STORE = BindingKey.create<PostgresAuthorizationStore>(
    'authorization.postgres.store',
  );

  /**
   * The change feed of this instance
   */
  export const FEED = BindingKey.create<PostgresChangeFeed>(
    'authorization.postgres.feed',
  );

  /**
   * The role assignments in memory, kept up to date by the feed
   */
  export const ROLE_ASSIGNMENTS = BindingKey.create<RoleAssignments>(
    'authorization.postgres.roleAssignments',
  );

  /**
   * The revoked principals in memory, kept up to date by the feed
   */
  export const REVOKED_PRINCIPALS = BindingKey.create<RevokedPrincipals>(
    'authorization.postgres.revokedPrincipals',
  );

  /**
   * The role mapper that reads the role assignments of the store
   */
  export const ROLE_MAPPER = BindingKey.create<RoleMapper>(
    'authorization.roleMappers.postgres',
  );

  /**
   * The voter that puts the revision, the lag and the staleness bound of
   * this instance into every decision record (it abstains)
   */
  export const FRESHNESS_AUTHORIZER = BindingKey.create<FreshnessAuthorizer>(
    'authorization.authorizers.postgresFreshness',
  );
}

/**
 * Tags of the PostgreSQL authorization component
 */
export namespace PostgresAuthorizationTags {
  /**
   * A binding whose value the change feed keeps up to date, a
   * `ChangeSubscriber`; apply `asChangeSubscriber` rather than this tag
   */
  export const CHANGE_SUBSCRIBER = 'authorization.postgres.changeSubscriber';
}
