// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * Role assignments and authorization rules kept in PostgreSQL, for several
 * LoopBack instances at once.
 *
 * @remarks
 * Every write is a transaction that takes a revision from a change log and
 * notifies the other instances; each instance applies the changes after its
 * revision, incrementally, and fails closed (503) when it cannot confirm it
 * is up to date within a staleness bound. A write's revision, sent back in a
 * request header, gives read-your-writes across instances.
 *
 * What an application uses, and only that: the queries, the checks of the
 * store's input and the LISTEN connection stay inside the package.
 *
 * @packageDocumentation
 */

// The component, its options, its keys and tags
export * from './postgres-authorization.component';
export {
  DEFAULT_POOL_TIMEOUTS,
  DEFAULT_POSTGRES_AUTHORIZATION_OPTIONS,
  PostgresAuthorizationOptions,
  ResolvedPostgresAuthorizationOptions,
} from './postgres-authorization.options';
export * from './keys';
// The store: its writes and reads, what it holds, its schema
export * from './stores/postgres-authorization.store';
export * from './stores/store.types';
export {MAX_ROLES_PER_ASSIGNMENT} from './stores/store-input';
export {DEFAULT_SCHEMA, SCHEMA_VERSION} from './stores/schema.migrations';
// The change feed and what it keeps up to date
export {PostgresChangeFeed} from './feeds/postgres-change-feed';
export {
  ChangeFeedOptions,
  DEFAULT_CHANGE_FEED_OPTIONS,
} from './feeds/change-feed.options';
export * from './feeds/change-feed.types';
export {asChangeSubscriber} from './feeds/change-subscribers';
export * from './feeds/rule.subscriber';
export * from './role-mappers/role-assignments';
export * from './principals/revoked-principals';
// The extensions of authorization, the middleware and the health endpoint
export * from './role-mappers/postgres.role-mapper';
export * from './authorizers/freshness.authorizer';
export * from './middleware/revision.middleware';
export * from './controllers/authorization-health.controller';
export * from './observers/change-feed.observer';
export * from './providers/postgres-change-feed.provider';
export * from './providers/postgres-options.provider';
export * from './providers/postgres-pool.provider';
export * from './providers/postgres-store.provider';
// Errors, and the database's unavailability
export {FreshnessDetails, PostgresAuthorizationErrorCode} from './errors';
export * from './stores/connection';
export * from './stores/connection-errors';
