// Copyright The loopback-security-monorepo authors. License: MIT.

// The published package keeps its types in one module, dist/types; here they
// are split by concept. This file keeps `@loopback/security/dist/types`
// importable, with the same names.

export * from './permission';
export * from './principal';
export * from './subject';
