// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * A LoopBack 4 component for authorization support.
 *
 * @remarks
 * Authorization decides whether a subject may perform an action on a
 * resource. Decorate methods with `@authorize`, mount
 * `AuthorizationComponent`, and bind authorizers (voters) with
 * `AuthorizationTags.AUTHORIZER`. Unlike the published package, a voter that
 * returns anything but Allow, Deny or Abstain, throws, or cannot be resolved
 * never lets a call through.
 *
 * @packageDocumentation
 */

export * from './authorization.component';
export * from './decorators/authorize.decorator';
export * from './errors';
export * from './interceptors/authorization.interceptor';
export * from './keys';
export * from './principal';
export * from './providers/authorization-metadata.provider';
export * from './types';
