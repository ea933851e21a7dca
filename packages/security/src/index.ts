// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * Common types/interfaces for LoopBack 4 security including authentication and
 * authorization.
 *
 * @remarks
 * - Subject - the "who" of security: a set of principals, a set of
 * credentials and a set of permissions (authorities) for one request.
 *
 * - Principal - a user, an application, an organization or a device.
 *
 * - Credential - what proves the subject's identity: a password, a token, a
 * certificate.
 *
 * - Permission - the "what" of security: an action on a resource type, an
 * instance or a property.
 *
 * @packageDocumentation
 */

export * from './keys';
export * from './permission';
export * from './principal';
export * from './subject';
