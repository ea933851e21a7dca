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
 * @packageDocumentation
 */

export * from './controllers/authorization-health.controller';
export * from './errors';
export * from './feeds/change-feed.options';
export * from './feeds/change-feed.types';
export * from './feeds/change-subscribers';
export * from './feeds/notification-listener';
export * from './feeds/postgres-change-feed';
export * from './feeds/rule.subscriber';
export * from './keys';
export * from './middleware/revision.middleware';
export * from './observers/change-feed.observer';
export * from './postgres-authorization.component';
export * from './postgres-authorization.options';
export * from './providers/postgres-change-feed.provider';
export * from './providers/postgres-options.provider';
export * from './providers/postgres-pool.provider';
export * from './providers/postgres-store.provider';
export * from './authorizers/freshness.authorizer';
export * from './principals/revoked-principals';
export * from './role-mappers/postgres.role-mapper';
export * from './role-mappers/role-assignments';
export * from './stores/connection';
export * from './stores/connection-errors';
export * from './stores/postgres-authorization.store';
export * from './stores/schema.migrations';
export * from './stores/store-input';
export * from './stores/store.types';
