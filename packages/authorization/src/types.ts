// Copyright The loopback-security-monorepo authors. License: MIT.

// The contracts of the package, one file a concept under contracts/ and
// options/; this file gathers them for the package index.

export * from './contracts/authorizer';
export * from './contracts/decision';
export * from './contracts/decision-record';
export * from './contracts/mappers';
export * from './contracts/metadata';
export * from './contracts/route-rule-describer';
export * from './options/authorization.options';
// The published package declares its error in types.ts: keep
// `@loopback/authorization/dist/types` exporting it
export {AuthorizationError} from './errors';
export type {BuiltinAuthorizersOptions} from './options/builtin-authorizers.options';
