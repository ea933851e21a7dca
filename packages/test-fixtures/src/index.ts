// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * The test fixtures the packages of this repository share, in a private
 * workspace package: the packages' tarballs leave their tests out, so no
 * test imports another package's `dist/__tests__`.
 *
 * @packageDocumentation
 */

export * from './module-exports';
export * from './property-settings';
