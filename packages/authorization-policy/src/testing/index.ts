// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * Test helpers: the agreement check of the three uses of a rule (decide an
 * instance, filter a list, permitted fields), to run against any datasource.
 * Import from `@loopback/authorization-policy/testing`; it needs `fast-check`
 * (an optional peer dependency) installed.
 *
 * @packageDocumentation
 */

export * from './agreement';
