// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * The rules of `@loopback/authorization-policy` kept in PostgreSQL. Import
 * from `@loopback/authorization-postgres/policy`; it needs
 * `@loopback/authorization-policy`, an optional peer dependency of this
 * package that only this entry point loads.
 *
 * @packageDocumentation
 */

export * from './keys';
export * from './policy-engine-sink.provider';
export * from './policy-engine.sink';
export * from './postgres-policy-store.provider';
export * from './postgres-policy.component';
export * from './postgres.policy-store';
