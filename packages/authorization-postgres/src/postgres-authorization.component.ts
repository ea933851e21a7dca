// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  Binding,
  BindingScope,
  Component,
  config,
  ContextTags,
  ControllerClass,
  createBindingFromClass,
  injectable,
} from '@loopback/core';
import {FreshnessAuthorizerProvider} from './authorizers/freshness.authorizer';
import {AuthorizationHealthController} from './controllers/authorization-health.controller';
import {asChangeSubscriber} from './feeds/change-subscribers';
import {PostgresAuthorizationBindings} from './keys';
import {RevisionMiddlewareProvider} from './middleware/revision.middleware';
import {ChangeFeedObserver} from './observers/change-feed.observer';
import {PostgresChangeFeedProvider} from './providers/postgres-change-feed.provider';
import {PostgresOptionsProvider} from './providers/postgres-options.provider';
import {PostgresPoolProvider} from './providers/postgres-pool.provider';
import {PostgresStoreProvider} from './providers/postgres-store.provider';
import {RevokedPrincipals} from './principals/revoked-principals';
import {PostgresRoleMapperProvider} from './role-mappers/postgres.role-mapper';
import {RoleAssignments} from './role-mappers/role-assignments';
import {PostgresAuthorizationOptions} from './postgres-authorization.options';

/**
 * Keeps role assignments (and rules) in PostgreSQL: mount it next to
 * `AuthorizationComponent` and configure it at
 * `PostgresAuthorizationBindings.COMPONENT` with a `connectionString`.
 *
 * @remarks
 * It only wires: the options, the pool, the store, the change feed and the
 * role assignments and revoked principals it keeps up to date, the role mapper, the voter that
 * puts the freshness of the data into every decision record, the revision
 * middleware, the health endpoint and the observer that migrates the schema
 * and starts the feed.
 */
@injectable({
  tags: {[ContextTags.KEY]: PostgresAuthorizationBindings.COMPONENT},
})
export class PostgresAuthorizationComponent implements Component {
  /**
   * The providers, the role assignments and the middleware
   */
  bindings: Binding[] = [
    createBindingFromClass(PostgresOptionsProvider),
    createBindingFromClass(PostgresPoolProvider),
    createBindingFromClass(PostgresStoreProvider),
    createBindingFromClass(PostgresChangeFeedProvider),
    Binding.bind(PostgresAuthorizationBindings.ROLE_ASSIGNMENTS)
      .toClass(RoleAssignments)
      .inScope(BindingScope.SINGLETON)
      .apply(asChangeSubscriber),
    Binding.bind(PostgresAuthorizationBindings.REVOKED_PRINCIPALS)
      .toClass(RevokedPrincipals)
      .inScope(BindingScope.SINGLETON)
      .apply(asChangeSubscriber),
    createBindingFromClass(PostgresRoleMapperProvider),
    createBindingFromClass(FreshnessAuthorizerProvider),
    createBindingFromClass(RevisionMiddlewareProvider),
  ];

  /**
   * Starts and stops the feed
   */
  lifeCycleObservers = [ChangeFeedObserver];

  /**
   * The health endpoint, unless the `healthEndpoint` option is `false`
   */
  controllers: ControllerClass[];

  /**
   * @param options - The component's configuration
   */
  constructor(@config() options: PostgresAuthorizationOptions = {}) {
    this.controllers =
      options.healthEndpoint === false ? [] : [AuthorizationHealthController];
  }
}
